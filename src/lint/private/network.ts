import { Bundle } from './bundle';
import { isMapping } from './input/shape';
import { K8sObject } from './objects';
import { labelSelector, Labels, selects } from './selectors';
import { allContainers, asArray } from './workloads';

/**
 * NetworkPolicy semantics: whether a connection from one pod to another on a port is let
 * through. `unknown` where the bundle cannot tell (an `ipBlock`, namespace labels that are
 * not in the manifests), so that rules report only what is certain.
 */
export type Verdict = 'allowed' | 'blocked' | 'unknown';

/** One end of a connection: a pod, by namespace and labels, and the pod group it belongs to. */
export interface Endpoint {
  readonly namespace: string;
  readonly labels: Labels;
  /** The object that runs the pod, when it is in the bundle (to find the policies that select it). */
  readonly owner?: K8sObject;
  /** The member's ordinal, when the pod is a StatefulSet member. */
  readonly ordinal?: number;
  /** The pod's container ports by name, to resolve named ports. */
  readonly namedPorts?: ReadonlyMap<string, { readonly port: number; readonly protocol: string }>;
}

/** What a policy check found: the verdict, and the policies that isolate the pod in that direction. */
export interface PolicyCheck {
  readonly verdict: Verdict;
  readonly policies: K8sObject[];
}

/** One ingress or egress rule of a policy, and the ends of the connection it is asked about. */
interface PolicyRule {
  readonly peers: unknown;
  readonly ports: unknown;
  readonly policyNamespace: string;
  /** The other end: the source of an ingress, the destination of an egress. */
  readonly remote: Endpoint;
  /** The pod connected to, whose names resolve named ports. */
  readonly destination: Endpoint;
}

/** The name label the API server puts on every namespace. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The directions a policy isolates: `policyTypes`, or Ingress plus Egress when it has egress rules. */
export function policyTypes(policy: K8sObject): string[] {
  const explicit = asArray(policy.raw.spec?.policyTypes);
  if (explicit.length > 0) {
    return explicit;
  }
  return ['Ingress', ...(asArray(policy.raw.spec?.egress).length > 0 ? ['Egress'] : [])];
}

/** The container ports of a pod spec by name. */
export function namedPortsOf(podSpec: any): Map<string, { port: number; protocol: string }> {
  const ports = new Map<string, { port: number; protocol: string }>();
  for (const container of allContainers(podSpec)) {
    for (const port of asArray(container.ports)) {
      if (port.name) {
        ports.set(port.name, { port: port.containerPort, protocol: port.protocol ?? 'TCP' });
      }
    }
  }
  return ports;
}

export class NetworkPolicies {
  private readonly namespaces: ReadonlyMap<string, K8sObject>;

  public constructor(private readonly bundle: Bundle) {
    this.namespaces = new Map(bundle.ofKind('Namespace').map(n => [n.name, n]));
  }

  /** The policies that select the pod and isolate it in a direction. */
  public isolating(pod: Endpoint, direction: 'Ingress' | 'Egress'): K8sObject[] {
    if (!pod.owner) {
      return [];
    }
    return this.bundle.selectorsOf('NetworkPolicy', pod.owner)
      .filter(s => pod.ordinal === undefined || !s.members || s.members.includes(pod.ordinal))
      .map(s => s.by)
      .filter(p => policyTypes(p).includes(direction));
  }

  /** Whether `to`'s ingress policies let `from` connect on the port. */
  public ingress(from: Endpoint, to: Endpoint, port: number, protocol: string): PolicyCheck {
    const policies = this.isolating(to, 'Ingress');
    const verdicts = policies.flatMap(p => asArray(p.raw.spec?.ingress)
      .map(rule => this.rule({ peers: rule.from, ports: rule.ports, policyNamespace: p.namespace, remote: from, destination: to }, port, protocol)));
    return { verdict: policies.length === 0 ? 'allowed' : combine(verdicts), policies };
  }

  /** Whether `from`'s egress policies let it connect to `to` on the port. */
  public egress(from: Endpoint, to: Endpoint, port: number, protocol: string): PolicyCheck {
    const policies = this.isolating(from, 'Egress');
    const verdicts = policies.flatMap(p => asArray(p.raw.spec?.egress)
      .map(rule => this.rule({ peers: rule.to, ports: rule.ports, policyNamespace: p.namespace, remote: to, destination: to }, port, protocol)));
    return { verdict: policies.length === 0 ? 'allowed' : combine(verdicts), policies };
  }

  /** Whether one rule lets `remote` through on the port of `destination`. */
  private rule(rule: PolicyRule, port: number, protocol: string): Verdict {
    const { peers, ports, policyNamespace, remote, destination } = rule;
    const portVerdict = portsAllow(asArray(ports), destination, port, protocol);
    if (portVerdict === 'blocked') {
      return 'blocked';
    }
    const peerList = asArray(peers);
    const peerVerdict = peerList.length === 0 ? 'allowed' : combine(peerList.map(peer => this.peer(peer, policyNamespace, remote)));
    return peerVerdict === 'blocked' ? 'blocked' : portVerdict === 'unknown' || peerVerdict === 'unknown' ? 'unknown' : 'allowed';
  }

  private peer(peer: any, policyNamespace: string, remote: Endpoint): Verdict {
    if (!isMapping(peer) || peer.ipBlock) {
      return 'unknown';
    }
    if (peer.podSelector && !selects(labelSelector(peer.podSelector), remote.labels)) {
      return 'blocked';
    }
    return peer.namespaceSelector ? this.namespaceMatches(peer.namespaceSelector, remote.namespace) : remote.namespace === policyNamespace ? 'allowed' : 'blocked';
  }

  private namespaceMatches(selector: any, namespace: string): Verdict {
    const object = this.namespaces.get(namespace);
    const labels = { ...object?.raw.metadata?.labels, [NAMESPACE_NAME_LABEL]: namespace };
    if (selects(labelSelector(selector), labels)) {
      return 'allowed';
    }
    const onlyName = labelSelector(selector).requirements.every(r => r.key === NAMESPACE_NAME_LABEL);
    return object || onlyName ? 'blocked' : 'unknown';
  }
}

export function portsAllow(ports: any[], destination: Endpoint, port: number, protocol: string): Verdict {
  if (ports.length === 0) {
    return 'allowed';
  }
  const verdicts = ports.map((p): Verdict => {
    if ((p.protocol ?? 'TCP') !== protocol) {
      return 'blocked';
    }
    if (p.port === undefined || p.port === null) {
      return 'allowed';
    }
    if (typeof p.port === 'number') {
      return port >= p.port && port <= (p.endPort ?? p.port) ? 'allowed' : 'blocked';
    }
    const named = destination.namedPorts?.get(p.port);
    if (!destination.namedPorts) {
      return 'unknown';
    }
    return named && named.port === port && named.protocol === protocol ? 'allowed' : 'blocked';
  });
  return combine(verdicts);
}

/** Any allowed wins, then unknown; blocked only when every part blocks. */
function combine(verdicts: Verdict[]): Verdict {
  return verdicts.includes('allowed') ? 'allowed' : verdicts.includes('unknown') ? 'unknown' : 'blocked';
}
