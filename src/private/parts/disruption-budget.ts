import { ApiObject, Lazy } from 'cdk8s';
import { DisruptionBudget } from '../../disruption-budget';
import { Problems, show } from '../../ground/problems';
import { AppContext } from '../app-context';
import { ProductionPart, QuorumBudget } from './part';

/** The budget when `disruptionBudget` is not given. */
const DEFAULT_BUDGET = DisruptionBudget.maxUnavailable(1);

/**
 * The app's PodDisruptionBudget (construct id `DisruptionBudget`, named like the app).
 * Its spec is computed at synth time, so `protectQuorum()` may resize it after construction:
 * a quorum replaces the default budget, and keeps a budget the user gave when that one is
 * stricter (see `DisruptionBudget._forQuorum`).
 */
export const DISRUPTION_BUDGET: ProductionPart = {
  check(problems, props, identity) {
    (props.disruptionBudget ?? DEFAULT_BUDGET)._check(problems, identity.replicas);
  },

  apply(app: AppContext) {
    // undefined while the budget is the default, which a quorum replaces.
    let budget = app.props.disruptionBudget;
    const apiObject = (budget ?? DEFAULT_BUDGET)._exists ? new ApiObject(app.scope, 'DisruptionBudget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { ...app.metadata, name: app.identity.name },
      spec: Lazy.any({ produce: () => (budget ?? DEFAULT_BUDGET)._toSpec(app.identity.selectorLabels) }),
    }) : undefined;
    const disruptionBudget: QuorumBudget = {
      apiObject,
      protectQuorum(quorumSize: number): void {
        const replicas = app.identity.replicas;
        const problems = new Problems(app.scope.node.path, 'protectQuorum()');
        problems.check(Number.isInteger(quorumSize) && quorumSize >= 1 && quorumSize <= replicas, 'quorumSize',
          `must be an integer from 1 to the number of members (${replicas}), got ${show(quorumSize)}`);
        problems.check(apiObject !== undefined, 'disruptionBudget',
          'is DisruptionBudget.none(), so there is no budget to size: remove it or do not call protectQuorum()');
        problems.throwIfAny();
        budget = budget === undefined
          ? DisruptionBudget.maxUnavailable(replicas - quorumSize)
          : budget._forQuorum(replicas, quorumSize);
      },
    };
    return { disruptionBudget };
  },
};
