import { Bundle } from '../bundle';
import { Endpoint, namedPortsOf, NetworkPolicies, PolicyCheck, portsAllow } from '../network';
import { K8sObject, objectRef } from '../objects';
import { labelSelector, selects } from '../selectors';
import { waitedOrdinals, Wait, Waits } from '../waits';
import { asArray, memberLabels, StatefulSetView } from '../workloads';
import { finding, RawFinding } from './catalog';

/** Where cluster DNS runs, as most clusters label it. */
const CLUSTER_DNS: Endpoint = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };

/**
 * Network policies that stop what the manifests rely on: a start-order wait that can never
 * connect, and a Service whose port no client may reach.
 */
export function checkNetworkPolicies(bundle: Bundle, waits: Waits, policies: NetworkPolicies): RawFinding[] {
  return [
    ...waits.all.flatMap(wait => checkWait(bundle, policies, wait)),
    ...bundle.statefulSets.flatMap(sts => checkClients(bundle, policies, sts)),
  ];
}

function endpointOf(sts: StatefulSetView, ordinal?: number): Endpoint {
  return {
    namespace: sts.namespace,
    labels: ordinal === undefined ? sts.templateLabels : memberLabels(sts, ordinal),
    owner: sts.obj,
    ordinal,
    namedPorts: namedPortsOf(sts.podSpec),
  };
}

function checkWait(bundle: Bundle, policies: NetworkPolicies, wait: Wait): RawFinding[] {
  const target = bundle.statefulSet(wait.namespace, wait.target);
  const port = wait.port;
  if (!target || port === undefined) {
    return [];
  }
  const source = endpointOf(wait.waiter);
  const ordinals = [...new Set(waitedOrdinals(wait))];
  const findings: RawFinding[] = [];
  const check = (direction: 'ingress' | 'egress', destination: Endpoint) => policies[direction](source, destination, port, 'TCP');
  const blocked = (direction: 'ingress' | 'egress'): PolicyCheck => ordinals.length === 0
    ? check(direction, endpointOf(target))
    : ordinals.map(o => check(direction, endpointOf(target, o))).find(c => c.verdict === 'blocked') ?? { verdict: 'allowed', policies: [] };
  const what = `init container '${wait.container}' waits for ${wait.target} (${wait.hosts.join(' ') || 'its members'}) on port ${wait.port}`;
  const outcome = `so the members of ${wait.waiter.name} never start (the wait gives up${wait.timeoutSeconds ? ` after ${wait.timeoutSeconds}s` : ''} and the pod restarts)`;
  const ingress = blocked('ingress');
  if (ingress.verdict === 'blocked') {
    findings.push(finding('network-policy-blocks-wait', wait.waiter.obj,
      `${what}, but ${names(ingress.policies)} selecting ${wait.target}'s members admit no connection from ${wait.waiter.name}'s pods on that port, ${outcome}; `
      + `add an ingress rule from pods labelled like ${wait.waiter.name} on port ${wait.port}`));
  }
  const egress = blocked('egress');
  if (egress.verdict === 'blocked') {
    findings.push(finding('network-policy-blocks-wait', wait.waiter.obj,
      `${what}, but ${names(egress.policies)} selecting ${wait.waiter.name}'s pods allow no egress to ${wait.target} on that port, ${outcome}; `
      + `add an egress rule to ${wait.target}'s pods on port ${wait.port}`));
  }
  const dns = policies.egress(source, CLUSTER_DNS, 53, 'UDP');
  if (dns.verdict === 'blocked') {
    findings.push(finding('network-policy-blocks-wait', wait.waiter.obj,
      `${what} by dns name, but ${names(dns.policies)} selecting ${wait.waiter.name}'s pods allow no egress to cluster dns (udp 53), ${outcome}; `
      + 'add an egress rule on port 53 (udp and tcp) to the dns pods'));
  }
  return findings;
}

function checkClients(bundle: Bundle, policies: NetworkPolicies, sts: StatefulSetView): RawFinding[] {
  const isolating = policies.isolating(endpointOf(sts), 'Ingress');
  if (isolating.length === 0) {
    return [];
  }
  const destination = endpointOf(sts);
  const findings: RawFinding[] = [];
  for (const { by: service } of bundle.selectorsOf('Service', sts.obj)) {
    if (service.name === sts.serviceName) {
      continue; // the governing service is how members find each other
    }
    for (const port of asArray(service.raw.spec?.ports)) {
      const protocol = port.protocol ?? 'TCP';
      const target = typeof port.targetPort === 'string' ? destination.namedPorts?.get(port.targetPort)?.port : port.targetPort ?? port.port;
      if (target === undefined) {
        continue;
      }
      const admitsClient = isolating.some(policy => asArray(policy.raw.spec?.ingress).some(rule =>
        portsAllow(asArray(rule.ports), destination, target, protocol) !== 'blocked'
        && (asArray(rule.from).length === 0 || asArray(rule.from).some(peer => admitsOthers(peer, sts)))));
      if (!admitsClient) {
        findings.push(finding('network-policy-blocks-clients', service,
          `port ${port.name ? `'${port.name}' ` : ''}${port.port} (${protocol} ${target} on ${sts.name}'s members) is published for clients, but ${names(isolating)} `
          + `admit only ${sts.name}'s own members on ${target}, so every client of the service times out; `
          + `admit the clients (pod or namespace labels) on port ${target} in the network policy`));
      }
    }
  }
  return findings;
}

/**
 * Whether a peer of an ingress rule admits pods other than the members: addresses, other
 * namespaces, a selector the members do not match, or one that matches every pod (`{}`).
 */
function admitsOthers(peer: any, sts: StatefulSetView): boolean {
  const podSelector = peer.podSelector ?? {};
  const matchesEveryPod = Object.keys(podSelector.matchLabels ?? {}).length === 0 && asArray(podSelector.matchExpressions).length === 0;
  return Boolean(peer.ipBlock || peer.namespaceSelector) || matchesEveryPod || !selects(labelSelector(podSelector), sts.templateLabels);
}

function names(policies: K8sObject[]): string {
  return policies.map(objectRef).join(', ') || 'the network policies';
}
