import { Bundle } from './bundle';
import { StatefulSetView } from './workloads';

/** A disruption budget over a StatefulSet's members, and what it lets a drain take. */
export interface BudgetInfo {
  readonly name: string;
  /** `maxUnavailable: 1`, `minAvailable: 50%`, ... */
  readonly rule: string;
  /** How many members it selects. */
  readonly selected: number;
  /** How many of those a drain may evict at once. */
  readonly allowed: number;
  readonly unhealthyPodEvictionPolicy: string;
}

export interface DisruptionInfo {
  readonly budgets: BudgetInfo[];
  /** How many members a drain may take at once: the tightest budget, or every member without one. */
  readonly allowed: number;
  /** More than half of the members. */
  readonly majority: number;
  /** Whether the members left after the drain are still a majority. */
  readonly keepsMajority: boolean;
}

/** More than half of `members`. */
export function majorityOf(members: number): number {
  return Math.floor(members / 2) + 1;
}

/**
 * How many of `expected` pods a budget lets the eviction API take at once: `maxUnavailable`
 * (a percentage rounds up), or `expected - minAvailable` (a percentage rounds up too), as
 * the disruption controller computes it.
 */
export function allowedDisruptions(spec: any, expected: number): number {
  const scaled = (value: number | string) => typeof value === 'number' ? value : Math.ceil((Number(String(value).replace(/%$/, '')) || 0) * expected / 100);
  const allowed = spec?.maxUnavailable !== undefined && spec?.maxUnavailable !== null
    ? scaled(spec.maxUnavailable)
    : spec?.minAvailable !== undefined && spec?.minAvailable !== null ? expected - scaled(spec.minAvailable) : expected;
  return Math.max(0, Math.min(expected, allowed));
}

/** The budgets over a StatefulSet and what they let a drain take. */
export function disruptionOf(bundle: Bundle, sts: StatefulSetView): DisruptionInfo {
  const budgets = bundle.selectorsOf('PodDisruptionBudget', sts.obj).map(({ by, members }) => {
    const selected = members?.count ?? 0;
    const spec = by.raw.spec ?? {};
    const rule = spec.maxUnavailable !== undefined && spec.maxUnavailable !== null ? `maxUnavailable: ${spec.maxUnavailable}`
      : spec.minAvailable !== undefined && spec.minAvailable !== null ? `minAvailable: ${spec.minAvailable}` : 'no limit set';
    return { name: by.name, rule, selected, allowed: allowedDisruptions(spec, selected), unhealthyPodEvictionPolicy: spec.unhealthyPodEvictionPolicy ?? 'IfHealthyBudget' };
  });
  const allowed = Math.min(sts.replicas, ...budgets.map(b => b.allowed));
  const majority = majorityOf(sts.replicas);
  return { budgets, allowed, majority, keepsMajority: sts.replicas - allowed >= majority };
}
