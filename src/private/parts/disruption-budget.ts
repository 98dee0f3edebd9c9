import { ApiObject, Lazy } from 'cdk8s';
import { DisruptionBudget } from '../../disruption-budget';
import { Problems, show } from '../../ground/problems';
import { AppContext } from '../app-context';
import { ProductionPart, QuorumBudget } from './part';

function budgetOf(budget: DisruptionBudget | undefined): DisruptionBudget {
  return budget ?? DisruptionBudget.maxUnavailable(1);
}

/**
 * The app's PodDisruptionBudget (construct id `DisruptionBudget`, named like the app).
 * Its spec is computed at synth time, so `protectQuorum()` may resize it after construction.
 */
export const DISRUPTION_BUDGET: ProductionPart = {
  check(problems, props, identity) {
    budgetOf(props.disruptionBudget)._check(problems, identity.replicas);
  },

  apply(app: AppContext) {
    let budget = budgetOf(app.props.disruptionBudget);
    const apiObject = budget._exists ? new ApiObject(app.scope, 'DisruptionBudget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { ...app.metadata, name: app.identity.name },
      spec: Lazy.any({ produce: () => budget._toSpec(app.identity.selectorLabels) }),
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
        budget = budget._forQuorum(replicas, quorumSize);
      },
    };
    return { disruptionBudget };
  },
};
