import { memberDomain, serviceDomain } from '../../../ground/dns';
import { memberPodName } from '../../../ground/names';
import { Bundle } from '../bundle';
import { disruptionOf, DisruptionInfo } from '../disruption';
import {
  configFilesOf, layoutFiles, MemberConfigLayout, memberConfigLayout, MemberFile, missingForNewMembers, nextPod, pathsOf, subPathExprFiles,
} from '../member-files';
import { namedPortsOf, NetworkPolicies } from '../network';
import { K8sObject } from '../objects';
import { describeSelector, labelSelector } from '../selectors';
import { Wait, waitsOf, Waits } from '../waits';
import { allContainers, asArray, isHeadless, MemberSelection, sampleOrdinals, StatefulSetView } from '../workloads';

/**
 * Members listed one by one up to this count; a StatefulSet with more lists the first and
 * the last `MEMBER_SAMPLE` and says how many it leaves out.
 */
export const MEMBER_LIST_LIMIT = 50;
export const MEMBER_SAMPLE = 10;

export type { MemberFile };

export interface MemberInfo {
  readonly pod: string;
  readonly ordinal: number;
  /** Per-pod DNS name, when there is a governing service. */
  readonly dns?: string;
  /** The files this member has and others do not (own, default, computed, subPathExpr). */
  readonly files: MemberFile[];
}

export interface ServiceReach {
  readonly name: string;
  readonly headless: boolean;
  readonly governing: boolean;
  readonly publishNotReadyAddresses: boolean;
  /** Pods the service selects, in ordinal order (at most the listing limit). */
  readonly pods: string[];
  /** How many members it selects. */
  readonly count: number;
  /** Whether the service reaches every member. */
  readonly all: boolean;
  readonly ports: string[];
}

/** A wait of this app for another, or of another for this one. */
export interface WaitInfo {
  /** The app waited for (or, for `waitedBy`, the app that waits). */
  readonly app: string;
  readonly container: string;
  readonly hosts: string[];
  readonly port?: number;
  readonly timeoutSeconds?: number;
  /** Whether the waited-for app is in the manifests. */
  readonly known: boolean;
  readonly first: boolean;
}

export interface ClaimInfo {
  readonly name: string;
  readonly size?: string;
  readonly storageClass?: string;
  readonly accessModes: string[];
  readonly volumeMode: string;
  /** `container:path` of every mount. */
  readonly mounts: string[];
  /** The claim of the first member, `<template>-<pod>`. */
  readonly firstClaim: string;
}

export interface StorageInfo {
  readonly claims: ClaimInfo[];
  readonly whenDeleted: string;
  readonly whenScaled: string;
}

export interface IngressInfo {
  readonly policy: string;
  /** Who may connect: `anyone`, or descriptions of the peers. */
  readonly from: string[];
  /** On which ports: `every port`, or the ports. */
  readonly ports: string[];
}

export interface NetworkInfo {
  /** The policies that isolate the members for ingress; none means anyone may connect. */
  readonly ingressPolicies: string[];
  readonly rules: IngressInfo[];
  /** Policies that isolate the members for egress. */
  readonly egressPolicies: string[];
}

export interface RolloutInfo {
  readonly strategy: string;
  readonly partition: number;
  readonly maxUnavailable?: string;
  readonly minReadySeconds: number;
  readonly revisionHistoryLimit: number;
}

export interface StatefulSetExplanation {
  readonly name: string;
  readonly namespace: string;
  readonly namespaceExplicit: boolean;
  readonly clusterDomain: string;
  readonly serviceName?: string;
  readonly podManagementPolicy: string;
  readonly replicas: number;
  /** Sampled members, in ordinal order. */
  readonly members: MemberInfo[];
  /** How many members are left out after the first `MEMBER_SAMPLE` listed (0 when all are listed). */
  readonly omitted: number;
  /** Files every member sees in the same place with the same origin. */
  readonly sharedFiles: MemberFile[];
  /** What a member added by scaling up gets, when the library's per-member layout is used. */
  readonly newMember?: { readonly pod: string; readonly files: MemberFile[]; readonly missing: string[] };
  readonly services: ServiceReach[];
  readonly waitsFor: WaitInfo[];
  readonly waitedBy: WaitInfo[];
  readonly disruption: DisruptionInfo;
  readonly storage: StorageInfo;
  readonly network: NetworkInfo;
  readonly rollout: RolloutInfo;
}

/**
 * Derives what a reviewer needs to know about each StatefulSet of a bundle.
 */
export function explainBundle(bundle: Bundle, clusterDomain: string): StatefulSetExplanation[] {
  const waits = new Waits(bundle);
  const policies = new NetworkPolicies(bundle);
  return bundle.statefulSets.map(sts => explainOne(bundle, waits, policies, sts, clusterDomain));
}

function explainOne(bundle: Bundle, waits: Waits, policies: NetworkPolicies, sts: StatefulSetView, clusterDomain: string): StatefulSetExplanation {
  const layout = memberConfigLayout(bundle, sts);
  const listed = sampleOrdinals(sts, MEMBER_LIST_LIMIT, MEMBER_SAMPLE);
  return {
    name: sts.name,
    namespace: sts.namespace,
    namespaceExplicit: sts.obj.namespaceExplicit,
    clusterDomain,
    serviceName: sts.serviceName,
    podManagementPolicy: sts.podManagementPolicy,
    replicas: sts.replicas,
    members: listed.map(ordinal => {
      const pod = memberPodName(sts.name, ordinal);
      return { pod, ordinal, dns: dnsName(sts, pod, clusterDomain), files: ownFiles(bundle, sts, layout, pod) };
    }),
    omitted: sts.replicas - listed.length,
    sharedFiles: layout ? layoutFiles(layout, '').filter(f => f.origin === 'shared') : [],
    newMember: layout && layout.own.size > 0 ? {
      pod: nextPod(sts),
      files: layoutFiles(layout, nextPod(sts)).filter(f => f.origin !== 'shared'),
      missing: missingForNewMembers(layout),
    } : undefined,
    services: servicesReaching(bundle, sts),
    waitsFor: waitsOf(sts).map(w => waitInfo(w, w.target, bundle.statefulSet(w.namespace, w.target) !== undefined)),
    waitedBy: waits.for(sts).map(w => waitInfo(w, w.waiter.name, true)),
    disruption: disruptionOf(bundle, sts),
    storage: storageOf(sts),
    network: networkOf(bundle, policies, sts),
    rollout: rolloutOf(sts),
  };
}

function dnsName(sts: StatefulSetView, pod: string, clusterDomain: string): string | undefined {
  if (!sts.serviceName) {
    return undefined;
  }
  return memberDomain(pod, serviceDomain(sts.serviceName, sts.obj.namespaceExplicit ? sts.namespace : undefined, clusterDomain));
}

/** A member's own files: from the library's layout (own, default, computed) and from subPathExpr mounts. */
function ownFiles(bundle: Bundle, sts: StatefulSetView, layout: MemberConfigLayout | undefined, pod: string): MemberFile[] {
  const fromLayout = layout ? configFilesOf(layout, pod).filter(f => f.origin !== 'shared').flatMap(f => pathsOf(layout, f.name).map(path => ({ path, origin: f.origin }))) : [];
  return [...fromLayout, ...subPathExprFiles(bundle, sts, pod)].sort((a, b) => compare(a.path, b.path));
}

function servicesReaching(bundle: Bundle, sts: StatefulSetView): ServiceReach[] {
  return bundle.selectorsOf('Service', sts.obj).map(({ by: service, members }) => {
    const selection = members ?? MemberSelection.none(sts);
    return {
      name: service.name,
      headless: isHeadless(service),
      governing: service.name === sts.serviceName,
      publishNotReadyAddresses: service.raw.spec?.publishNotReadyAddresses === true,
      pods: selection.list(MEMBER_LIST_LIMIT).map(o => memberPodName(sts.name, o)),
      count: selection.count,
      all: selection.all,
      ports: asArray(service.raw.spec?.ports).map(p => `${p.name ? `${p.name} ` : ''}${p.port}${p.targetPort !== undefined && p.targetPort !== p.port ? `->${p.targetPort}` : ''}`),
    };
  });
}

function waitInfo(wait: Wait, app: string, known: boolean): WaitInfo {
  return { app, container: wait.container, hosts: wait.hosts, port: wait.port, timeoutSeconds: wait.timeoutSeconds, known, first: wait.first };
}

function storageOf(sts: StatefulSetView): StorageInfo {
  const policy = sts.obj.raw.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  const first = memberPodName(sts.name, sts.ordinalStart);
  return {
    whenDeleted: policy.whenDeleted ?? 'Retain',
    whenScaled: policy.whenScaled ?? 'Retain',
    claims: asArray(sts.obj.raw.spec?.volumeClaimTemplates).map(t => {
      const name = String(t.metadata?.name ?? '');
      const storage = t.spec?.resources?.requests?.storage;
      return {
        name,
        size: storage === undefined ? undefined : String(storage),
        storageClass: t.spec?.storageClassName,
        accessModes: asArray(t.spec?.accessModes),
        volumeMode: t.spec?.volumeMode ?? 'Filesystem',
        mounts: allContainers(sts.podSpec).flatMap(c => asArray(c.volumeMounts).filter(m => m.name === name).map(m => `${c.name}:${m.mountPath}`)),
        firstClaim: `${name}-${first}`,
      };
    }),
  };
}

function networkOf(bundle: Bundle, policies: NetworkPolicies, sts: StatefulSetView): NetworkInfo {
  const member = { namespace: sts.namespace, labels: sts.templateLabels, owner: sts.obj };
  const ingress = policies.isolating(member, 'Ingress');
  const ports = namedPortsOf(sts.podSpec);
  return {
    ingressPolicies: ingress.map(p => p.name),
    egressPolicies: policies.isolating(member, 'Egress').map(p => p.name),
    rules: ingress.flatMap(policy => asArray(policy.raw.spec?.ingress).map(rule => ({
      policy: policy.name,
      from: asArray(rule.from).length === 0 ? ['anyone'] : asArray(rule.from).map(peer => describePeer(bundle, policy, peer)),
      ports: asArray(rule.ports).length === 0 ? ['every port'] : asArray(rule.ports).map(p => {
        const number = typeof p.port === 'string' ? ports.get(p.port)?.port : p.port;
        const range = p.endPort ? `${p.port}-${p.endPort}` : p.port === undefined ? 'every port' : typeof p.port === 'string' && number ? `${p.port} (${number})` : String(p.port);
        return `${(p.protocol ?? 'TCP').toLowerCase()} ${range}`;
      }),
    }))),
  };
}

function describePeer(bundle: Bundle, policy: K8sObject, peer: any): string {
  if (peer.ipBlock) {
    return `addresses ${peer.ipBlock.cidr}${asArray(peer.ipBlock.except).length > 0 ? ` except ${asArray(peer.ipBlock.except).join(', ')}` : ''}`;
  }
  const namespaces = peer.namespaceSelector ? `namespaces ${describeSelector(labelSelector(peer.namespaceSelector))}` : `namespace ${policy.namespace}`;
  if (!peer.podSelector) {
    return `every pod of ${namespaces}`;
  }
  const selector = labelSelector(peer.podSelector);
  const known = peer.namespaceSelector ? [] : bundle.select(policy.namespace, selector).map(s => `${s.group.owner.kind.toLowerCase()} ${s.group.owner.name}`);
  const named = known.length > 0 ? ` (${known.slice(0, 3).join(', ')}${known.length > 3 ? ` and ${known.length - 3} more` : ''})` : '';
  return `pods ${describeSelector(selector)} of ${namespaces}${named}`;
}

function rolloutOf(sts: StatefulSetView): RolloutInfo {
  const spec = sts.obj.raw.spec ?? {};
  const rolling = spec.updateStrategy?.rollingUpdate ?? {};
  return {
    strategy: spec.updateStrategy?.type ?? 'RollingUpdate',
    partition: rolling.partition ?? 0,
    maxUnavailable: rolling.maxUnavailable === undefined ? undefined : String(rolling.maxUnavailable),
    minReadySeconds: spec.minReadySeconds ?? 0,
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
