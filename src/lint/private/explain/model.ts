import { memberDomain, serviceDomain } from '../../../ground/dns';
import { Bundle, K8sObject } from '../objects';
import { mapSelectorMatches } from '../selectors';
import { allContainers, asArray, isHeadless, statefulSets, stringMap, StatefulSetView } from '../workloads';

/**
 * A file one member sees through a per-member subPathExpr mount.
 */
export interface MemberFile {
  readonly path: string;
  readonly configMap: string;
}

export interface MemberInfo {
  readonly pod: string;
  readonly ordinal: number;
  /** Per-pod DNS name, when there is a governing service. */
  readonly dns?: string;
  readonly files: MemberFile[];
}

export interface ServiceReach {
  readonly name: string;
  readonly headless: boolean;
  readonly governing: boolean;
  readonly publishNotReadyAddresses: boolean;
  /** Pods the service selects, in ordinal order. */
  readonly pods: string[];
  /** Whether the service reaches every member. */
  readonly all: boolean;
}

export interface StatefulSetExplanation {
  readonly name: string;
  readonly namespace: string;
  readonly namespaceExplicit: boolean;
  readonly serviceName?: string;
  readonly podManagementPolicy: string;
  readonly members: MemberInfo[];
  readonly services: ServiceReach[];
}

/**
 * Derives what a reviewer needs to know about each StatefulSet of a bundle.
 */
export function explainBundle(bundle: Bundle, clusterDomain: string): StatefulSetExplanation[] {
  return statefulSets(bundle).map(sts => {
    const services = servicesReaching(bundle, sts);
    return {
      name: sts.name,
      namespace: sts.namespace,
      namespaceExplicit: sts.obj.namespaceExplicit,
      serviceName: sts.serviceName,
      podManagementPolicy: sts.podManagementPolicy,
      services,
      members: sts.members.map(m => ({
        pod: m.pod,
        ordinal: m.ordinal,
        dns: dnsName(sts, m.pod, clusterDomain),
        files: memberFiles(bundle, sts, m.pod),
      })),
    };
  });
}

function dnsName(sts: StatefulSetView, pod: string, clusterDomain: string): string | undefined {
  if (!sts.serviceName) {
    return undefined;
  }
  return memberDomain(pod, serviceDomain(sts.serviceName, sts.obj.namespaceExplicit ? sts.namespace : undefined, clusterDomain));
}

function servicesReaching(bundle: Bundle, sts: StatefulSetView): ServiceReach[] {
  const result: ServiceReach[] = [];
  for (const service of bundle.inNamespace('Service', sts.namespace)) {
    const selector = stringMap(service.raw.spec?.selector);
    if (Object.keys(selector).length === 0) {
      continue;
    }
    const pods = sts.members.filter(m => mapSelectorMatches(selector, m.labels)).map(m => m.pod);
    if (pods.length === 0) {
      continue;
    }
    result.push({
      name: service.name,
      headless: isHeadless(service),
      governing: service.name === sts.serviceName,
      publishNotReadyAddresses: service.raw.spec?.publishNotReadyAddresses === true,
      pods,
      all: pods.length === sts.members.length,
    });
  }
  return result;
}

/**
 * Best effort: a ConfigMap volume mounted with a subPathExpr that expands to the pod name shows
 * each member only the keys (or items paths) under `<pod>/`.
 */
function memberFiles(bundle: Bundle, sts: StatefulSetView, pod: string): MemberFile[] {
  const files = new Map<string, MemberFile>();
  for (const container of allContainers(sts.podSpec)) {
    const podNameVars = asArray(container?.env)
      .filter(e => e?.valueFrom?.fieldRef?.fieldPath === 'metadata.name')
      .map(e => String(e.name));
    for (const mount of asArray(container?.volumeMounts)) {
      const subPath = expand(mount?.subPathExpr, podNameVars, pod);
      const volume = asArray(sts.podSpec.volumes).find(v => v?.name === mount?.name);
      const configMap = volume?.configMap?.name ? bundle.find('ConfigMap', sts.namespace, volume.configMap.name) : undefined;
      if (subPath === undefined || !configMap) {
        continue;
      }
      for (const entry of volumeEntries(volume.configMap, configMap)) {
        const target = entry === subPath ? mount.mountPath : entry.startsWith(`${subPath}/`) ? `${mount.mountPath}/${entry.slice(subPath.length + 1)}` : undefined;
        if (target) {
          files.set(target, { path: target, configMap: configMap.name });
        }
      }
    }
  }
  return [...files.values()].sort((a, b) => a.path.localeCompare(b.path));
}

function expand(expression: any, podNameVars: string[], pod: string): string | undefined {
  if (typeof expression !== 'string' || podNameVars.length === 0) {
    return undefined;
  }
  let result = expression;
  for (const name of podNameVars) {
    result = result.split(`$(${name})`).join(pod);
  }
  return result === expression || result.includes('$(') ? undefined : result;
}

function volumeEntries(source: any, configMap: K8sObject): string[] {
  const items = asArray(source?.items);
  if (items.length > 0) {
    return items.map(i => String(i?.path));
  }
  return [...Object.keys(configMap.raw.data ?? {}), ...Object.keys(configMap.raw.binaryData ?? {})];
}
