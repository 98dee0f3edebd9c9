import { ApiObject, Lazy } from 'cdk8s';
import { DisruptionBudget } from '../disruption-budget';
import type { OrderedStatefulApp } from '../ordered-stateful-app';
import { AppMetadata } from './client-services';
import { Problems, show } from './validation';

/**
 * The app's PodDisruptionBudget (construct id `DisruptionBudget`, named like the app).
 * Its spec is computed at synth time, so `protectQuorum()` may resize it after construction.
 */
export class DisruptionBudgetObject {
  public readonly apiObject?: ApiObject;
  private budget: DisruptionBudget;

  constructor(private readonly app: OrderedStatefulApp, budget: DisruptionBudget, metadata: AppMetadata) {
    this.budget = budget;
    if (budget._field === 'none') {
      return;
    }
    this.apiObject = new ApiObject(app, 'DisruptionBudget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { ...metadata, name: app.name },
      spec: Lazy.any({ produce: () => this.spec() }),
    });
  }

  /** Sizes the budget so that a voluntary disruption leaves at least `quorumSize` members. */
  public protectQuorum(quorumSize: number): void {
    const problems = new Problems(this.app.node.path, 'protectQuorum()');
    const replicas = this.app.replicas;
    problems.check(Number.isInteger(quorumSize) && quorumSize >= 1 && quorumSize <= replicas, 'quorumSize',
      `must be an integer from 1 to the number of members (${replicas}), got ${show(quorumSize)}`);
    problems.check(this.apiObject !== undefined, 'disruptionBudget',
      'is DisruptionBudget.none(), so there is no budget to size: remove it or do not call protectQuorum()');
    problems.throwIfAny();
    this.budget = DisruptionBudget.maxUnavailable(replicas - quorumSize, this.budget._options);
  }

  private spec(): { [key: string]: unknown } {
    const policy = this.budget._options.unhealthyPodEvictionPolicy;
    return {
      selector: { matchLabels: this.app.selectorLabels },
      [this.budget._field]: this.budget._count,
      ...(policy === undefined ? {} : { unhealthyPodEvictionPolicy: policy }),
    };
  }
}
