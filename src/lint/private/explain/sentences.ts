import { count, Formatter } from './format';
import { ServiceReach, StatefulSetExplanation, WaitInfo } from './model';
import { memberDomain, serviceDomain } from '../../../ground/dns';

/**
 * The sentences of an explanation, shared by the text and the Markdown rendering; every value
 * from the manifests goes through the formatter.
 */

/** The member pods, in order, with the omitted ones summarized. */
export function memberList(e: StatefulSetExplanation, f: Formatter, separator: string): string {
  const pods = e.members.map(m => f.name(m.pod));
  if (e.omitted > 0) {
    const half = pods.length / 2;
    return [...pods.slice(0, half), `(${count(e.omitted)} more)`, ...pods.slice(half)].join(separator);
  }
  return pods.join(separator) || 'no members';
}

/** How the members start, in words. */
export function startOrder(e: StatefulSetExplanation, f: Formatter): string {
  if (e.podManagementPolicy === 'Parallel') {
    return e.waitsFor.length > 0
      ? 'Parallel: all members start at once and stop at once; they do not wait for each other, but each first waits for the apps below'
      : 'Parallel: all members start at once and stop at once, none waits for another';
  }
  return `OrderedReady: one by one in ordinal order (${memberList(e, f, ', then ')}), `
    + 'each waits for the previous one to be Running and Ready; scale-down removes the highest ordinal first';
}

/** What one wait of the app does. */
export function waitSentence(w: WaitInfo, f: Formatter): string {
  const hosts = w.hosts.length > 0 ? w.hosts.map(h => f.name(h)).join(' ') : 'its members';
  return `every member first waits for ${f.name(w.app)}${w.known ? '' : ' (not in these manifests)'}: init container ${f.name(w.container)}`
    + `${w.first ? '' : ' (not the first init container)'} waits until ${hosts}${w.port ? ` accept${w.hosts.length === 1 ? 's' : ''} connections on port ${w.port}` : ' are ready'}`
    + `${w.timeoutSeconds ? `, and gives up after ${w.timeoutSeconds}s` : ''}`;
}

/** Who waits for the app. */
export function waitedBySentence(w: WaitInfo, f: Formatter): string {
  return `${f.name(w.app)} starts after it: its init container ${f.name(w.container)} waits for it${w.port ? ` on port ${w.port}` : ''}`;
}

/** The namespace note of an app without a namespace in the manifest. */
export function namespaceNote(e: StatefulSetExplanation, f: Formatter): string {
  return 'no namespace in the manifest, so these names resolve from inside the namespace the objects are applied to; '
    + `the full name is ${f.name(memberDomain('<pod>', serviceDomain(e.serviceName ?? '', '<namespace>', e.clusterDomain)))}`;
}

/** A service and the members it reaches, in words. */
export function describeReach(s: ServiceReach, f: Formatter): string {
  const traits = [s.headless ? 'headless' : 'load-balanced', ...(s.governing ? ['governing'] : [])];
  const notes = s.publishNotReadyAddresses ? '; publishNotReadyAddresses: unready members are reachable too' : '';
  const pods = `${s.pods.map(p => f.name(p)).join(', ')}${s.count > s.pods.length ? ` and ${count(s.count - s.pods.length)} more` : ''}`;
  const ports = s.ports.length > 0 ? ` on ${s.ports.map(p => f.name(p)).join(', ')}` : '';
  return `svc/${f.name(s.name)} (${traits.join(', ')}) -> ${s.all ? `all members (${pods})` : `only ${pods}`}${ports}${notes}`;
}

/** How many members a drain may take, and whether a majority stays. */
export function disruptionSentence(e: StatefulSetExplanation, f: Formatter): string {
  const d = e.disruption;
  const budgets = d.budgets.map(b => `${f.name(b.name)} (${f.name(b.rule)}, unhealthy members: ${f.name(b.unhealthyPodEvictionPolicy)})`).join(', ');
  if (d.budgets.length === 0) {
    return 'no disruption budget: a drain may evict every member at once';
  }
  const take = `budget ${budgets} lets a drain evict ${count(d.allowed)} of ${count(e.replicas)} members at a time`;
  const stay = e.replicas === 0 ? '' : d.allowed === 0
    ? '; no member can be evicted, so node drains wait until the budget or the members change'
    : `; ${count(e.replicas - d.allowed)} stay${e.replicas - d.allowed === 1 ? 's' : ''}, ${d.keepsMajority ? 'still' : 'less than'} a majority (${count(d.majority)})`;
  return take + stay;
}

/** The claims, how they are named and when they are deleted. */
export function storageSentences(e: StatefulSetExplanation, f: Formatter): string[] {
  const s = e.storage;
  if (s.claims.length === 0) {
    return ['no volumeClaimTemplates: members keep no data of their own across rescheduling'];
  }
  const claims = s.claims.map(c => {
    const traits = [c.size ?? 'no size', c.storageClass ? `storage class ${f.name(c.storageClass)}` : 'the default storage class', ...c.accessModes.map(m => f.name(m)),
      ...(c.volumeMode === 'Filesystem' ? [] : [f.name(c.volumeMode)])];
    const mounts = c.mounts.length > 0 ? `mounted at ${c.mounts.map(m => f.name(m)).join(', ')}` : 'mounted by no container';
    return `claim ${f.name(c.name)} (${traits.join(', ')}), ${mounts}; each member gets its own (${f.name(c.firstClaim)}, ...)`;
  });
  return [...claims, `claims are ${retention(s.whenDeleted, 'when the statefulset is deleted')} and ${retention(s.whenScaled, 'when it scales down')}`];
}

function retention(policy: string, when: string): string {
  return policy === 'Delete' ? `deleted ${when} (Delete)` : `kept ${when} (${policy})`;
}

/** Who may connect on which ports. */
export function networkSentences(e: StatefulSetExplanation, f: Formatter): string[] {
  const n = e.network;
  const egress = n.egressPolicies.length > 0 ? [`egress limited by ${n.egressPolicies.map(p => f.name(p)).join(', ')}`] : [];
  if (n.ingressPolicies.length === 0) {
    return ['no network policy limits ingress: any pod may connect on any port', ...egress];
  }
  const rules = n.rules.map(r => `${f.name(r.policy)} admits ${r.from.map(p => f.plain(p)).join(' or ')} on ${r.ports.map(p => f.name(p)).join(', ')}`);
  return [
    `ingress limited by ${n.ingressPolicies.map(p => f.name(p)).join(', ')}${rules.length === 0 ? ': nobody may connect' : ':'}`,
    ...rules,
    ...egress,
  ];
}

/** What a template change does. */
export function rolloutSentence(e: StatefulSetExplanation, f: Formatter): string {
  const r = e.rollout;
  const kept = `${r.revisionHistoryLimit} old revisions kept`;
  if (r.strategy === 'OnDelete') {
    return `OnDelete: a template change restarts no member; each one gets the new template when it is deleted; ${kept}`;
  }
  const last = e.members[e.members.length - 1];
  const first = e.members[0];
  const bottom = r.partition > (first?.ordinal ?? 0) ? `ordinal ${r.partition}` : f.name(first?.pod ?? '');
  const range = !last || !first ? '' : last === first ? ` (${f.name(last.pod)})` : ` from ${f.name(last.pod)} down to ${bottom}`;
  const partition = r.partition > 0 ? `; partition ${r.partition}: members below ordinal ${r.partition} keep the old template` : '';
  const atOnce = r.maxUnavailable ? `up to ${f.name(r.maxUnavailable)} at a time (where MaxUnavailableStatefulSet is enabled, else one)` : 'one at a time';
  const ready = r.minReadySeconds > 0 ? `Ready for ${r.minReadySeconds}s` : 'Ready';
  return `${f.name(r.strategy)}: a template change restarts the members ${atOnce}${range}, each after the one before is ${ready}${partition}; ${kept}`;
}
