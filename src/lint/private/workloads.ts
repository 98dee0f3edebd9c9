import { Bundle, K8sObject } from './objects';
import { Labels } from './selectors';
import { POD_INDEX_LABEL, POD_NAME_LABEL } from '../../ground/labels';
import { memberPodName } from '../../ground/names';

/**
 * One pod a StatefulSet creates.
 */
export interface Member {
  readonly ordinal: number;
  readonly pod: string;
  /** Template labels plus the labels the controller adds to each pod. */
  readonly labels: Labels;
}

/**
 * The parts of a StatefulSet the rules look at, with defaults applied.
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
  readonly members: Member[];
}

/**
 * Reads a StatefulSet. `replicas` defaults to 1, `ordinals.start` to 0, the policy to OrderedReady.
 */
export function viewStatefulSet(obj: K8sObject): StatefulSetView {
  const spec = obj.raw.spec ?? {};
  const replicas = Number.isInteger(spec.replicas) && spec.replicas >= 0 ? spec.replicas : 1;
  const start = Number.isInteger(spec.ordinals?.start) && spec.ordinals.start >= 0 ? spec.ordinals.start : 0;
  const templateLabels = stringMap(spec.template?.metadata?.labels);
  const members: Member[] = [];
  for (let ordinal = start; ordinal < start + replicas; ordinal++) {
    const pod = memberPodName(obj.name, ordinal);
    members.push({ ordinal, pod, labels: { ...templateLabels, [POD_NAME_LABEL]: pod, [POD_INDEX_LABEL]: String(ordinal) } });
  }
  return {
    obj,
    name: obj.name,
    namespace: obj.namespace,
    serviceName: typeof spec.serviceName === 'string' && spec.serviceName !== '' ? spec.serviceName : undefined,
    replicas,
    ordinalStart: start,
    podManagementPolicy: spec.podManagementPolicy ?? 'OrderedReady',
    templateLabels,
    podSpec: spec.template?.spec ?? {},
    members,
  };
}

export function statefulSets(bundle: Bundle): StatefulSetView[] {
  return bundle.ofKind('StatefulSet').map(viewStatefulSet);
}

/**
 * Containers and init containers of a pod spec.
 */
export function allContainers(podSpec: any): any[] {
  return [...asArray(podSpec?.containers), ...asArray(podSpec?.initContainers)];
}

const POD_TEMPLATE_KINDS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'ReplicationController'];

/**
 * Labels of every pod template in a namespace (any workload kind), for "does this select anything" checks.
 */
export function podLabelSets(bundle: Bundle, namespace: string): Labels[] {
  const result: Labels[] = [];
  for (const obj of bundle.objects.filter(o => o.namespace === namespace)) {
    if (obj.kind === 'StatefulSet') {
      result.push(...viewStatefulSet(obj).members.map(m => m.labels));
    } else if (obj.kind === 'Pod') {
      result.push(stringMap(obj.raw.metadata?.labels));
    } else if (obj.kind === 'CronJob') {
      result.push(stringMap(obj.raw.spec?.jobTemplate?.spec?.template?.metadata?.labels));
    } else if (POD_TEMPLATE_KINDS.includes(obj.kind)) {
      result.push(stringMap(obj.raw.spec?.template?.metadata?.labels));
    }
  }
  return result;
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
