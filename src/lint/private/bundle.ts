import { K8sObject } from './objects';
import { labelSelector, Labels, mapSelector, Selector, selects } from './selectors';
import { MemberSelection, StatefulSetView, stringMap, viewStatefulSet } from './workloads';
import { POD_INDEX_LABEL, POD_NAME_LABEL } from '../../ground/labels';

/**
 * The pods one object runs: the members of a StatefulSet, or the pods of another workload's
 * template, or a Pod itself.
 */
export interface PodGroup {
  readonly owner: K8sObject;
  /** Template labels (a Pod's own labels); a StatefulSet's members add pod-name and pod-index. */
  readonly labels: Labels;
  readonly statefulSet?: StatefulSetView;
}

/** What one selector selects of one pod group. */
export interface Selected {
  readonly group: PodGroup;
  /** For a StatefulSet: which members. */
  readonly members?: MemberSelection;
}

/** An object with a selector (Service, PodDisruptionBudget, NetworkPolicy) and what it selects. */
export interface SelectedBy {
  readonly by: K8sObject;
  readonly members?: MemberSelection;
}

const TEMPLATE_KINDS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'Job', 'ReplicationController'];

/** How the objects of a kind select pods. */
const SELECTOR_OF: { readonly [kind: string]: (obj: K8sObject) => Selector } = {
  Service: obj => mapSelector(obj.raw.spec?.selector),
  PodDisruptionBudget: obj => labelSelector(obj.raw.spec?.selector),
  NetworkPolicy: obj => labelSelector(obj.raw.spec?.podSelector ?? {}),
};

/**
 * The pods of one namespace, indexed by label so that a selector is matched against the
 * few groups that can match, not against every group: linting stays linear in the bundle.
 */
class NamespacePods {
  public readonly groups: PodGroup[] = [];
  private readonly byPair = new Map<string, PodGroup[]>();
  private readonly byKey = new Map<string, PodGroup[]>();
  private readonly setsByName = new Map<string, PodGroup>();

  public add(group: PodGroup): void {
    this.groups.push(group);
    for (const [label, value] of Object.entries(group.labels)) {
      push(this.byPair, `${label}=${value}`, group);
      push(this.byKey, label, group);
    }
    if (group.statefulSet) {
      this.setsByName.set(group.statefulSet.name, group);
      push(this.byKey, POD_NAME_LABEL, group);
      push(this.byKey, POD_INDEX_LABEL, group);
    }
  }

  /** The groups a selector may select: those the most selective positive requirement allows. */
  public candidates(selector: Selector): PodGroup[] {
    let best: PodGroup[] | undefined;
    for (const r of selector.requirements) {
      let found: PodGroup[] | undefined;
      if (r.operator === 'In') {
        const union = new Set<PodGroup>();
        for (const value of r.values) {
          (this.byPair.get(`${r.key}=${value}`) ?? []).forEach(g => union.add(g));
          const set = r.key === POD_NAME_LABEL ? this.setsByName.get(value.slice(0, value.lastIndexOf('-'))) : undefined;
          if (set) {
            union.add(set);
          }
        }
        found = r.key === POD_INDEX_LABEL ? undefined : [...union];
      } else if (r.operator === 'Exists') {
        found = this.byKey.get(r.key) ?? [];
      }
      if (found && (!best || found.length < best.length)) {
        best = found;
      }
    }
    return best ?? this.groups;
  }
}

function push<K, V>(map: Map<K, V[]>, at: K, value: V): void {
  const list = map.get(at);
  if (list) {
    list.push(value);
  } else {
    map.set(at, [value]);
  }
}

/**
 * Objects of a bundle indexed for lookups by kind, namespace and name, and by the labels of
 * the pods they run.
 */
export class Bundle {
  public readonly statefulSets: StatefulSetView[] = [];
  private readonly byKey = new Map<string, K8sObject>();
  private readonly byKind = new Map<string, K8sObject[]>();
  private readonly pods = new Map<string, NamespacePods>();
  private readonly setsByKey = new Map<string, StatefulSetView>();
  private readonly setsByNamespace = new Map<string, StatefulSetView[]>();
  private readonly selectedBy = new Map<string, Map<K8sObject, SelectedBy[]>>();

  public constructor(public readonly objects: K8sObject[]) {
    for (const obj of objects) {
      this.byKey.set(key(obj.kind, obj.namespace, obj.name), obj);
      push(this.byKind, obj.kind, obj);
      const group = podGroupOf(obj);
      if (group) {
        this.namespacePods(obj.namespace).add(group);
      }
      if (group?.statefulSet) {
        this.statefulSets.push(group.statefulSet);
        this.setsByKey.set(key(obj.kind, obj.namespace, obj.name), group.statefulSet);
        push(this.setsByNamespace, obj.namespace, group.statefulSet);
      }
    }
  }

  public ofKind(kind: string): K8sObject[] {
    return this.byKind.get(kind) ?? [];
  }

  /** The object of this kind, namespace and name; with duplicates, the last one (which wins on apply). */
  public find(kind: string, namespace: string, name: string): K8sObject | undefined {
    return this.byKey.get(key(kind, namespace, name));
  }

  public statefulSet(namespace: string, name: string): StatefulSetView | undefined {
    return this.setsByKey.get(key('StatefulSet', namespace, name));
  }

  public statefulSetsIn(namespace: string): StatefulSetView[] {
    return this.setsByNamespace.get(namespace) ?? [];
  }

  /** Every pod group of a namespace. */
  public podGroups(namespace: string): PodGroup[] {
    return this.pods.get(namespace)?.groups ?? [];
  }

  /** The pod groups of a namespace a selector selects at least one pod of. */
  public select(namespace: string, selector: Selector): Selected[] {
    if (selector.nothing) {
      return [];
    }
    const result: Selected[] = [];
    for (const group of this.pods.get(namespace)?.candidates(selector) ?? []) {
      if (group.statefulSet) {
        const members = MemberSelection.of(selector, group.statefulSet);
        if (members.count > 0) {
          result.push({ group, members });
        }
      } else if (selects(selector, group.labels)) {
        result.push({ group });
      }
    }
    return result;
  }

  /**
   * The Services, PodDisruptionBudgets or NetworkPolicies that select pods of a group, in
   * bundle order; computed once per kind for the whole bundle.
   */
  public selectorsOf(kind: 'Service' | 'PodDisruptionBudget' | 'NetworkPolicy', owner: K8sObject): SelectedBy[] {
    let byOwner = this.selectedBy.get(kind);
    if (!byOwner) {
      byOwner = new Map();
      for (const obj of this.ofKind(kind)) {
        for (const selected of this.select(obj.namespace, SELECTOR_OF[kind](obj))) {
          push(byOwner, selected.group.owner, { by: obj, members: selected.members });
        }
      }
      this.selectedBy.set(kind, byOwner);
    }
    return byOwner.get(owner) ?? [];
  }

  private namespacePods(namespace: string): NamespacePods {
    let pods = this.pods.get(namespace);
    if (!pods) {
      pods = new NamespacePods();
      this.pods.set(namespace, pods);
    }
    return pods;
  }
}

function key(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

function podGroupOf(obj: K8sObject): PodGroup | undefined {
  if (obj.kind === 'StatefulSet') {
    const statefulSet = viewStatefulSet(obj);
    return { owner: obj, labels: statefulSet.templateLabels, statefulSet };
  }
  if (obj.kind === 'Pod') {
    return { owner: obj, labels: stringMap(obj.raw.metadata?.labels) };
  }
  if (obj.kind === 'CronJob') {
    return { owner: obj, labels: stringMap(obj.raw.spec?.jobTemplate?.spec?.template?.metadata?.labels) };
  }
  if (TEMPLATE_KINDS.includes(obj.kind)) {
    return { owner: obj, labels: stringMap(obj.raw.spec?.template?.metadata?.labels) };
  }
  return undefined;
}
