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
   *
   * @default - unset: Kubernetes uses `IfHealthyBudget`
   */
  readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
}

/**
 * How many members voluntary disruptions (node drains, evictions) may take down
 * at once: the app's PodDisruptionBudget (policy/v1), named like the app and
 * selecting its pods by the app's selector labels.
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
    return new DisruptionBudget('none', 0, {});
  }

  private constructor(
    /** @internal */ public readonly _field: 'maxUnavailable' | 'minAvailable' | 'none',
    /** @internal */ public readonly _count: number,
    /** @internal */ public readonly _options: DisruptionBudgetOptions) {}
}
