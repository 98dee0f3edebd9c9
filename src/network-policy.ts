/**
 * An ingress NetworkPolicy (networking.k8s.io/v1) for the app's pods: members reach
 * each other on the peer ports, clients reach the client ports, and nothing else
 * reaches the members. Egress (DNS included) is not restricted.
 */
export interface NetworkPolicyOptions {
  /**
   * The names of the ports members use to talk to each other (replication,
   * elections, gossip). Only the app's own pods may connect to them.
   *
   * @default - every port of the main container
   */
  readonly peerPorts?: string[];

  /**
   * The names of the ports clients may connect to.
   *
   * @default - the ports of the client Service and of the per-member Services; none when
   * the app has neither
   */
  readonly clientPorts?: string[];

  /**
   * The labels of the client pods (`from[].podSelector.matchLabels`).
   *
   * @default - every pod of the selected namespaces
   */
  readonly clientPodLabels?: { [key: string]: string };

  /**
   * The labels of the namespaces clients run in (`from[].namespaceSelector.matchLabels`),
   * for example `{ 'kubernetes.io/metadata.name': 'shop' }`.
   *
   * @default - only the app's own namespace
   */
  readonly clientNamespaceLabels?: { [key: string]: string };
}
