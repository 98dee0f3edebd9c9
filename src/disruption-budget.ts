import { Problems, show } from './ground/problems';
import { checkChoice } from './private/checks';

/**
 * What an eviction does with members that run but are not Ready
 * (`spec.unhealthyPodEvictionPolicy` of a PodDisruptionBudget, beta and on by
 * default since Kubernetes 1.27).
 */
export enum UnhealthyPodEvictionPolicy {
  /**
   * A member that is not Ready may be evicted only while the budget is met
   * (the Kubernetes behaviour when the field is unset).
   */
  IF_HEALTHY_BUDGET = 'IfHealthyBudget',

  /**
   * A member that is not Ready may always be evicted: a crash-looping member
   * never blocks a node drain.
   */
  ALWAYS_ALLOW = 'AlwaysAllow',
}

/**
 * Options of a disruption budget.
 */
export interface DisruptionBudgetOptions {
  /**
   * What an eviction does with members that are not Ready (`spec.unhealthyPodEvictionPolicy`).
   * `AlwaysAllow`, as the Kubernetes documentation recommends: a member that is not Ready
   * counts for no quorum and serves no client, so evicting it costs nothing, while
   * `IfHealthyBudget` lets one crash-looping member block every node drain.
   *
   * @default UnhealthyPodEvictionPolicy.ALWAYS_ALLOW
   */
  readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
}

/**
 * How many members voluntary disruptions (node drains, evictions) may take down
 * at once: the app's PodDisruptionBudget (policy/v1), named like the app and
 * selecting its pods by the app's selector labels.
 *
 * A quorum (`protectQuorum()`, `Quorum`) never loosens a budget given here: when it lets
 * at most `replicas - quorumSize` members go it is kept as it is (`minAvailable(3)` of 3
 * members, `maxUnavailable(1)` of 5 with a quorum of 3), otherwise the quorum's
 * `maxUnavailable` replaces it.
 */
export class DisruptionBudget {
  /**
   * At most `count` members may be unavailable at once (`spec.maxUnavailable`).
   * `0` blocks every voluntary eviction, so node drains wait until the budget changes.
   */
  public static maxUnavailable(count: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', count, options);
  }

  /**
   * At least `count` members must stay available (`spec.minAvailable`).
   */
  public static minAvailable(count: number, options: DisruptionBudgetOptions = {}): DisruptionBudget {
    return new DisruptionBudget('minAvailable', count, options);
  }

  /**
   * No PodDisruptionBudget: evictions may take down every member at once.
   */
  public static none(): DisruptionBudget {
    return new DisruptionBudget(undefined, 0, {});
  }

  private constructor(
    private readonly field: 'maxUnavailable' | 'minAvailable' | undefined,
    private readonly count: number,
    private readonly options: DisruptionBudgetOptions) {}

  /**
   * Whether this budget writes a PodDisruptionBudget (every budget but `none()`).
   * @internal
   */
  public get _exists(): boolean {
    return this.field !== undefined;
  }

  /**
   * Reports what is wrong with the budget for an app of `replicas` members.
   * @internal
   */
  public _check(problems: Problems, replicas: number): void {
    if (this.field === undefined) {
      return;
    }
    const property = `disruptionBudget.${this.field}`;
    problems.checkInteger(property, this.count, 0);
    checkChoice(problems, 'disruptionBudget.unhealthyPodEvictionPolicy', this.options.unhealthyPodEvictionPolicy,
      Object.values(UnhealthyPodEvictionPolicy));
    if (this.field === 'minAvailable' && Number.isInteger(this.count)) {
      problems.check(this.count <= replicas, property, `must be at most the number of members (${replicas}), got ${show(this.count)}`);
    }
  }

  /**
   * The stricter of this budget and one that leaves at least `quorumSize` of `replicas`
   * members during a voluntary disruption (`maxUnavailable: replicas - quorumSize`): this
   * budget as it is when it lets at most as many members go, otherwise the quorum's budget
   * with this budget's eviction policy. A quorum never loosens a budget.
   * @internal
   */
  public _forQuorum(replicas: number, quorumSize: number): DisruptionBudget {
    const allowed = this.field === 'minAvailable' ? replicas - this.count : this.count;
    return allowed <= replicas - quorumSize ? this : DisruptionBudget.maxUnavailable(replicas - quorumSize, this.options);
  }

  /**
   * The PodDisruptionBudget's `spec` for pods with these labels.
   * @internal
   */
  public _toSpec(selectorLabels: { [key: string]: string }): { [key: string]: unknown } {
    return {
      selector: { matchLabels: selectorLabels },
      ...(this.field === undefined ? {} : { [this.field]: this.count }),
      unhealthyPodEvictionPolicy: this.options.unhealthyPodEvictionPolicy ?? UnhealthyPodEvictionPolicy.ALWAYS_ALLOW,
    };
  }
}
