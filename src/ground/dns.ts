/**
 * The DNS names cluster DNS publishes for Services and for the members behind a
 * headless Service. Every name the library hands out or explains is built here.
 */

/**
 * The name of a Service: `<service>.<namespace>.svc.<clusterDomain>`, or `<service>` when
 * the namespace is not known (it then resolves from inside the namespace it is applied to).
 * The parts may be `$(VAR)` references that Kubernetes expands in a container's environment.
 */
export function serviceDomain(service: string, namespace: string | undefined, clusterDomain: string): string {
  return namespace === undefined ? service : `${service}.${namespace}.svc.${clusterDomain}`;
}

/** The name of one member behind the headless Service whose name is `domain`: `<pod>.<domain>`. */
export function memberDomain(podName: string, domain: string): string {
  return `${podName}.${domain}`;
}

/** The SRV name that lists every member's address for a named port: `_<port>._<protocol>.<domain>`. */
export function srvDomain(portName: string, protocol: string, domain: string): string {
  return `_${portName}._${protocol.toLowerCase()}.${domain}`;
}
