import { K8sObject } from './objects';
import { Labels, requirementHolds, Selector, selects } from './selectors';
import { POD_INDEX_LABEL, POD_NAME_LABEL } from '../../ground/labels';
import { memberPodName } from '../../ground/names';

/**
 * The parts of a StatefulSet the rules look at, with defaults applied. Members are never
 * enumerated here: a StatefulSet may declare two billion of them.
 */
export interface StatefulSetView {
  readonly obj: K8sObject;
  readonly name: string;
  readonly namespace: string;
  readonly serviceName?: string;
  readonly replicas: number;
  readonly ordinalStart: number;
  readonly podManagementPolicy: string;
  readonly templateLabels: Labels;
  readonly podSpec: any;
}

/**
 * Reads a StatefulSet. `replicas` defaults to 1, `ordinals.start` to 0, the policy to OrderedReady.
 */
export function viewStatefulSet(obj: K8sObject): StatefulSetView {
  const spec = obj.raw.spec ?? {};
  return {
    obj,
    name: obj.name,
    namespace: obj.namespace,
    serviceName: typeof spec.serviceName === 'string' && spec.serviceName !== '' ? spec.serviceName : undefined,
    replicas: spec.replicas ?? 1,
    ordinalStart: spec.ordinals?.start ?? 0,
    podManagementPolicy: spec.podManagementPolicy ?? 'OrderedReady',
    templateLabels: stringMap(spec.template?.metadata?.labels),
    podSpec: spec.template?.spec ?? {},
  };
}

/** The ordinal of the last member (one less than the start when there is none). */
export function lastOrdinal(sts: StatefulSetView): number {
  return sts.ordinalStart + sts.replicas - 1;
}

/**
 * Member ordinals in order: all of them up to `limit` members, else the first `sample` and
 * the last `sample`, so a listing shows both ends.
 */
export function sampleOrdinals(sts: StatefulSetView, limit: number, sample: number): number[] {
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
  return sts.replicas <= limit
    ? range(sts.ordinalStart, sts.replicas)
    : [...range(sts.ordinalStart, sample), ...range(lastOrdinal(sts) - sample + 1, sample)];
}

/** The labels a member carries: its template labels, and the two the controller adds. */
export function memberLabels(sts: StatefulSetView, ordinal: number): Labels {
  return { ...sts.templateLabels, [POD_NAME_LABEL]: memberPodName(sts.name, ordinal), [POD_INDEX_LABEL]: String(ordinal) };
}

/**
 * Which members of a StatefulSet a selector selects, without listing them: either every
 * member except some, or only some.
 */
export class MemberSelection {
  /**
   * Evaluates a selector on a StatefulSet's members: the requirements on the pod-name and
   * pod-index labels narrow the ordinals, every other one is checked on the template labels.
   */
  public static of(selector: Selector, sts: StatefulSetView): MemberSelection {
    if (selector.nothing) {
      return MemberSelection.none(sts);
    }
    let only: Set<number> | undefined;
    const excluded = new Set<number>();
    for (const r of selector.requirements) {
      const ordinalOf = r.key === POD_NAME_LABEL ? (v: string) => ordinalOfPod(sts.name, v)
        : r.key === POD_INDEX_LABEL ? canonicalOrdinal : undefined;
      if (!ordinalOf) {
        if (!requirementHolds(r, sts.templateLabels)) {
          return MemberSelection.none(sts);
        }
        continue;
      }
      const named = r.values.map(ordinalOf).filter((o): o is number => o !== undefined);
      if (r.operator === 'DoesNotExist') {
        return MemberSelection.none(sts);
      } else if (r.operator === 'In') {
        only = new Set(named.filter(o => !only || only.has(o)));
      } else if (r.operator === 'NotIn') {
        named.forEach(o => excluded.add(o));
      }
    }
    const inRange = (o: number) => o >= sts.ordinalStart && o <= lastOrdinal(sts);
    if (only) {
      return new MemberSelection(sts, false, [...only].filter(o => inRange(o) && !excluded.has(o)).sort((a, b) => a - b));
    }
    return new MemberSelection(sts, true, [...excluded].filter(inRange).sort((a, b) => a - b));
  }

  /** Nothing selected. */
  public static none(sts: StatefulSetView): MemberSelection {
    return new MemberSelection(sts, false, []);
  }

  private constructor(
    public readonly sts: StatefulSetView,
    /** true: every member except `ordinals`; false: only `ordinals`. */
    private readonly allBut: boolean,
    /** Sorted, inside the member range. */
    private readonly ordinals: number[],
  ) {}

  /** How many members are selected. */
  public get count(): number {
    return this.allBut ? this.sts.replicas - this.ordinals.length : this.ordinals.length;
  }

  public get all(): boolean {
    return this.count === this.sts.replicas;
  }

  public includes(ordinal: number): boolean {
    const inRange = ordinal >= this.sts.ordinalStart && ordinal <= lastOrdinal(this.sts);
    return inRange && this.ordinals.includes(ordinal) !== this.allBut;
  }

  /** The selected ordinals, at most `limit` of them. */
  public list(limit: number): number[] {
    if (!this.allBut) {
      return this.ordinals.slice(0, limit);
    }
    const result: number[] = [];
    for (let ordinal = this.sts.ordinalStart; ordinal <= lastOrdinal(this.sts) && result.length < limit; ordinal++) {
      if (!this.ordinals.includes(ordinal)) {
        result.push(ordinal);
      }
    }
    return result;
  }
}

/**
 * Whether a selector selects at least one member; for a StatefulSet scaled to zero, whether
 * it selects the template labels (the members it would have).
 */
export function selectsAnyMember(selector: Selector, sts: StatefulSetView): boolean {
  return sts.replicas === 0 ? selects(selector, sts.templateLabels) : MemberSelection.of(selector, sts).count > 0;
}

/** The ordinal in a pod name `<statefulSet>-<ordinal>`, if the name is one. */
export function ordinalOfPod(statefulSet: string, pod: string): number | undefined {
  return pod.startsWith(`${statefulSet}-`) ? canonicalOrdinal(pod.slice(statefulSet.length + 1)) : undefined;
}

function canonicalOrdinal(text: string): number | undefined {
  return /^(0|[1-9][0-9]{0,9})$/.test(text) ? Number(text) : undefined;
}

/**
 * Containers and init containers of a pod spec.
 */
export function allContainers(podSpec: any): any[] {
  return [...asArray(podSpec?.containers), ...asArray(podSpec?.initContainers)];
}

export function stringMap(value: any): Labels {
  const result: { [key: string]: string } = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      result[k] = String(v);
    }
  }
  return result;
}

export function asArray(value: any): any[] {
  return Array.isArray(value) ? value : [];
}

export function isHeadless(service: K8sObject): boolean {
  return service.raw.spec?.clusterIP === 'None';
}
