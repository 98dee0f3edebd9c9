import { memberPodName } from '../../../ground/names';
import { memberClaimName } from '../../../ground/statefulset';
import { Bundle } from '../bundle';
import { canonicalJson } from '../canonical';
import { disruptionOf, majorityOf } from '../disruption';
import { memberConfigLayout } from '../member-files';
import { pairStatefulSets, PairKind, SetPair } from '../pairing';
import { podReferences } from '../references';
import { abandonedClaims, AbandonedClaims } from '../rules/claims';
import { changedImmutableFields, orphanDelete } from '../rules/immutable-fields';
import { labelSelector, selects } from '../selectors';
import { asArray, lastOrdinal, memberLabels, StatefulSetView } from '../workloads';

/** Members listed by name in a plan, at most; the rest are counted. */
export const PLAN_LIST_LIMIT = 10;

/** What changes of a template (or config) to list, at most. */
const MAX_CHANGES = 10;

/** Some member pods, in the order something happens to them, and how many there are in all. */
export interface Pods {
  readonly names: string[];
  readonly count: number;
}

export interface ScalePlan {
  readonly from: number;
  readonly to: number;
  /** Members created, in the order they start. */
  readonly added: Pods;
  /** Members removed, highest ordinal first. */
  readonly removed: Pods;
  /** Claims of the added members. */
  readonly claimsCreated: Pods;
  /** Claims of the removed members. */
  readonly claimsOfRemoved: Pods;
  /** `Retain` or `Delete`: what happens to the claims of removed members. */
  readonly whenScaled: string;
  readonly parallel: boolean;
}

export interface RestartPlan {
  readonly strategy: string;
  /** Members that restart, in order (empty with OnDelete). */
  readonly members: Pods;
  /** Members below the partition, which keep the old template. */
  readonly keptOld: number;
  readonly partition: number;
  readonly atOnce: number;
  readonly minReadySeconds: number;
}

export interface AvailabilityPlan {
  readonly replicas: number;
  /** Members down at a time while the rollout runs. */
  readonly down: number;
  readonly majority: number;
  /** What the disruption budgets let a drain evict, when there is a budget. */
  readonly budgetAllows?: number;
}

export interface SetPlan {
  readonly name: string;
  readonly namespace: string;
  readonly namespaceExplicit: boolean;
  readonly change: 'created' | 'deleted' | 'changed' | 'unchanged' | 'renamed';
  /**
   * How the change is applied: in place (no member restarts), a rolling restart, or a new
   * StatefulSet object (the API server refuses the update, or the name changes).
   */
  readonly applied?: 'in place' | 'rolling restart' | 'replaced';
  /** The previous StatefulSet this one is taken to be, when it is not the same namespace and name. */
  readonly pairedWith?: { readonly name: string; readonly namespace: string; readonly namespaceExplicit: boolean; readonly kind: PairKind };
  /** The claims every member that stays keeps, when none is left behind. */
  readonly keptClaims?: Pods;
  /** Members that would start on new claims while the old ones keep the data unmounted. */
  readonly abandoned?: AbandonedClaims;
  /** With `rejected`: whether the new StatefulSet's selector selects the running members, so it adopts them. */
  readonly adoptsMembers?: boolean;
  /** Immutable fields that changed: the api server rejects the update. */
  readonly rejected: Array<{ readonly path: string }>;
  /** How to replace the StatefulSet, keeping its pods. */
  readonly wayOut: string;
  /** What changed in the pod template. */
  readonly templateChanges: string[];
  /** Other fields of the spec that changed and restart nothing. */
  readonly specChanges: string[];
  /** ConfigMaps the members use whose data changed. */
  readonly configChanges: string[];
  readonly restart?: RestartPlan;
  readonly scale?: ScalePlan;
  /** For a new StatefulSet: the members that start and their claims. */
  readonly created?: { readonly members: Pods; readonly claims: Pods; readonly parallel: boolean };
  /** For a removed StatefulSet: what happens to the claims. */
  readonly deleted?: { readonly claims: Pods; readonly whenDeleted: string };
  readonly availability?: AvailabilityPlan;
}

export interface Plan {
  readonly sets: SetPlan[];
}

/**
 * What applying `next` over `previous` does to each StatefulSet.
 */
export function planChanges(previous: Bundle, next: Bundle): Plan {
  const pairing = pairStatefulSets(previous, next);
  const sets = next.statefulSets.map(sts => {
    const pair = pairing.pairs.find(p => p.next === sts);
    return pair ? planChange(previous, next, pair) : planCreate(sts);
  });
  return { sets: [...sets, ...pairing.deleted.map(planDelete)] };
}

function base(sts: StatefulSetView): Pick<SetPlan, 'name' | 'namespace' | 'namespaceExplicit' | 'wayOut'> {
  return { name: sts.name, namespace: sts.namespace, namespaceExplicit: sts.obj.namespaceExplicit, wayOut: orphanDelete(sts) };
}

const NOTHING = { rejected: [], templateChanges: [], specChanges: [], configChanges: [] };

function planCreate(sts: StatefulSetView): SetPlan {
  const members = [membersOf(sts)];
  return {
    ...base(sts),
    ...NOTHING,
    change: 'created',
    created: { members: pods(sts, members, 'up'), claims: claims(sts, members, 'up'), parallel: sts.podManagementPolicy === 'Parallel' },
  };
}

function planDelete(sts: StatefulSetView): SetPlan {
  return {
    ...base(sts),
    ...NOTHING,
    change: 'deleted',
    deleted: { claims: claims(sts, [membersOf(sts)], 'up'), whenDeleted: sts.obj.raw.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain' },
  };
}

function planChange(previous: Bundle, next: Bundle, pair: SetPair): SetPlan {
  const { old, next: sts } = pair;
  if (pair.kind === 'renamed') {
    return planRename(pair);
  }
  const rejected = changedImmutableFields(old, sts).map(c => ({ path: c.path }));
  const templateChanges = diffTemplate(old.obj.raw.spec?.template ?? {}, sts.obj.raw.spec?.template ?? {});
  const configChanges = diffConfig(previous, next, sts);
  const specChanges = diffSpec(old, sts);
  const scale = old.replicas !== sts.replicas || old.ordinalStart !== sts.ordinalStart ? planScale(old, sts) : undefined;
  const restart = templateChanges.length > 0 ? planRestart(old, sts) : undefined;
  const changed = rejected.length + templateChanges.length + configChanges.length + specChanges.length > 0 || scale !== undefined;
  const abandoned = abandonedClaims(pair, PLAN_LIST_LIMIT);
  return {
    ...base(sts),
    change: changed ? 'changed' : 'unchanged',
    applied: rejected.length > 0 ? 'replaced' : restart && restart.members.count > 0 ? 'rolling restart' : 'in place',
    pairedWith: pair.kind === 'same' ? undefined : pairedWith(pair),
    keptClaims: abandoned ? undefined : claims(sts, [{ from: Math.max(old.ordinalStart, sts.ordinalStart), to: Math.min(lastOrdinal(old), lastOrdinal(sts)) }], 'up'),
    abandoned,
    adoptsMembers: rejected.length > 0 ? adopts(old, sts) : undefined,
    rejected,
    templateChanges,
    specChanges,
    configChanges,
    restart,
    scale,
    availability: restart && restart.members.count > 0 ? availability(next, sts, restart.atOnce) : undefined,
  };
}

/**
 * A StatefulSet under a new name that is the same app as an old one: the old one and its
 * members are deleted, the new one starts its own.
 */
function planRename(pair: SetPair): SetPlan {
  const created = planCreate(pair.next);
  return {
    ...created,
    change: 'renamed',
    applied: 'replaced',
    pairedWith: pairedWith(pair),
    deleted: planDelete(pair.old).deleted,
    abandoned: abandonedClaims(pair, PLAN_LIST_LIMIT),
  };
}

function pairedWith(pair: SetPair): SetPlan['pairedWith'] {
  return { name: pair.old.name, namespace: pair.old.namespace, namespaceExplicit: pair.old.obj.namespaceExplicit, kind: pair.kind };
}

/** Whether the new StatefulSet's selector selects the pods of the old one, which it then adopts once the old one is gone. */
function adopts(old: StatefulSetView, sts: StatefulSetView): boolean {
  return selects(labelSelector(sts.obj.raw.spec?.selector), memberLabels(old, old.ordinalStart));
}

/** Ordinals from `from` to `to`, both included; empty when `from > to`. */
interface Interval {
  readonly from: number;
  readonly to: number;
}

function membersOf(sts: StatefulSetView): Interval {
  return { from: sts.ordinalStart, to: lastOrdinal(sts) };
}

/** The ordinals of `a` that are not in `b` (two intervals at most). */
function minus(a: Interval, b: Interval): Interval[] {
  return [{ from: a.from, to: Math.min(a.to, b.from - 1) }, { from: Math.max(a.from, b.to + 1), to: a.to }].filter(i => i.from <= i.to);
}

/** The first ordinals of some intervals, ascending or descending, without listing them all. */
function take(intervals: Interval[], order: 'up' | 'down', count: number): number[] {
  const sorted = [...intervals].filter(i => i.from <= i.to).sort((x, y) => order === 'up' ? x.from - y.from : y.to - x.to);
  const result: number[] = [];
  for (const i of sorted) {
    for (let k = 0; k <= i.to - i.from && result.length < count; k++) {
      result.push(order === 'up' ? i.from + k : i.to - k);
    }
  }
  return result;
}

function size(intervals: Interval[]): number {
  return intervals.reduce((sum, i) => sum + Math.max(0, i.to - i.from + 1), 0);
}

function planScale(old: StatefulSetView, sts: StatefulSetView): ScalePlan {
  const added = minus(membersOf(sts), membersOf(old));
  const removed = minus(membersOf(old), membersOf(sts));
  return {
    from: old.replicas,
    to: sts.replicas,
    added: pods(sts, added, 'up'),
    removed: pods(old, removed, 'down'),
    claimsCreated: claims(sts, added, 'up'),
    claimsOfRemoved: claims(old, removed, 'down'),
    whenScaled: sts.obj.raw.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain',
    parallel: sts.podManagementPolicy === 'Parallel',
  };
}

function planRestart(old: StatefulSetView, sts: StatefulSetView): RestartPlan {
  const spec = sts.obj.raw.spec ?? {};
  const strategy = spec.updateStrategy?.type ?? 'RollingUpdate';
  const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  const maxUnavailable = spec.updateStrategy?.rollingUpdate?.maxUnavailable;
  const existing: Interval = { from: Math.max(sts.ordinalStart, old.ordinalStart), to: Math.min(lastOrdinal(sts), lastOrdinal(old)) };
  const restarting = strategy === 'OnDelete' ? [] : [{ from: Math.max(existing.from, partition), to: existing.to }];
  return {
    strategy,
    members: pods(sts, restarting, 'down'),
    keptOld: size([existing]) - size(restarting),
    partition,
    atOnce: Math.max(1, typeof maxUnavailable === 'number' ? maxUnavailable
      : typeof maxUnavailable === 'string' ? Math.floor((Number(maxUnavailable.replace(/%$/, '')) || 0) * sts.replicas / 100) : 1),
    minReadySeconds: spec.minReadySeconds ?? 0,
  };
}

function availability(next: Bundle, sts: StatefulSetView, down: number): AvailabilityPlan {
  const disruption = disruptionOf(next, sts);
  return {
    replicas: sts.replicas,
    down: Math.min(down, sts.replicas),
    majority: majorityOf(sts.replicas),
    budgetAllows: disruption.budgets.length > 0 ? disruption.allowed : undefined,
  };
}

function pods(sts: StatefulSetView, intervals: Interval[], order: 'up' | 'down'): Pods {
  return { names: take(intervals, order, PLAN_LIST_LIMIT).map(o => memberPodName(sts.name, o)), count: size(intervals) };
}

function claims(sts: StatefulSetView, intervals: Interval[], order: 'up' | 'down'): Pods {
  const templates = asArray(sts.obj.raw.spec?.volumeClaimTemplates).map(t => String(t.metadata?.name ?? ''));
  const names = take(intervals, order, PLAN_LIST_LIMIT).flatMap(o => templates.map(t => memberClaimName(t, sts.name, o)));
  return { names: names.slice(0, PLAN_LIST_LIMIT), count: size(intervals) * templates.length };
}

/** What differs between two pod templates, in words: annotations, labels, containers by name, other fields. */
function diffTemplate(old: any, next: any): string[] {
  const changes: string[] = [];
  for (const field of ['annotations', 'labels']) {
    changes.push(...diffMap(old.metadata?.[field], next.metadata?.[field]).map(key => `${field === 'annotations' ? 'annotation' : 'label'} ${key}`));
  }
  const oldSpec = old.spec ?? {};
  const nextSpec = next.spec ?? {};
  for (const list of ['initContainers', 'containers']) {
    const before = new Map<string, any>(asArray(oldSpec[list]).map(c => [c.name, c]));
    const after = new Map<string, any>(asArray(nextSpec[list]).map(c => [c.name, c]));
    const kind = list === 'containers' ? 'container' : 'init container';
    for (const [name, container] of after) {
      const was = before.get(name);
      if (!was) {
        changes.push(`${kind} ${name} added`);
        continue;
      }
      for (const key of diffMap(was, container)) {
        changes.push(key === 'image' ? `${kind} ${name} image ${was.image} -> ${container.image}` : `${kind} ${name} ${key}`);
      }
    }
    changes.push(...[...before.keys()].filter(name => !after.has(name)).map(name => `${kind} ${name} removed`));
  }
  changes.push(...diffMap(withoutContainers(oldSpec), withoutContainers(nextSpec)).map(key => `pod ${key}`));
  return limit(changes);
}

function withoutContainers(spec: any): any {
  const { containers, initContainers, ...rest } = spec;
  void containers;
  void initContainers;
  return rest;
}

/** Fields of the spec outside the template, the replicas and the immutable ones that changed. */
function diffSpec(old: StatefulSetView, sts: StatefulSetView): string[] {
  const skip = new Set(['template', 'replicas', 'ordinals', 'selector', 'serviceName', 'podManagementPolicy', 'volumeClaimTemplates']);
  return diffMap(old.obj.raw.spec, sts.obj.raw.spec).filter(key => !skip.has(key)).map(key => `spec.${key}`);
}

/** The keys whose values differ between two maps. */
function diffMap(old: any, next: any): string[] {
  const keys = [...new Set([...Object.keys(old ?? {}), ...Object.keys(next ?? {})])].sort();
  return keys.filter(key => canonicalJson(old?.[key]) !== canonicalJson(next?.[key]));
}

/** ConfigMaps the members read whose data changed, with the changed keys. */
function diffConfig(previous: Bundle, next: Bundle, sts: StatefulSetView): string[] {
  const layout = memberConfigLayout(next, sts);
  const names = new Set([
    ...podReferences(sts.podSpec).filter(r => r.kind === 'ConfigMap').map(r => r.name),
    ...(layout ? [layout.configMap.name] : []),
  ]);
  const changes: string[] = [];
  for (const name of [...names].sort()) {
    const before = previous.find('ConfigMap', sts.namespace, name)?.raw;
    const after = next.find('ConfigMap', sts.namespace, name)?.raw;
    const keys = diffMap({ ...before?.data, ...before?.binaryData }, { ...after?.data, ...after?.binaryData });
    if (keys.length > 0) {
      changes.push(`configmap ${name}: ${limit(keys).join(', ')}`);
    }
  }
  return changes;
}

function limit(changes: string[]): string[] {
  return changes.length > MAX_CHANGES ? [...changes.slice(0, MAX_CHANGES), `${changes.length - MAX_CHANGES} more`] : changes;
}
