import * as kplus from 'cdk8s-plus-27';

/**
 * A normal (not headless) Service over the app's Ready members, for clients that
 * want one load-balanced address instead of a particular member.
 *
 * Unlike the headless Service it never publishes members that are not Ready
 * (`publishNotReadyAddresses` stays unset), so clients only reach members that
 * pass their readiness probe.
 */
export interface ClientServiceOptions {
  /**
   * The Service name (`metadata.name`), a DNS-1035 label that differs from the
   * headless Service name.
   *
   * @default - the app name
   */
  readonly name?: string;

  /**
   * The names of the main container's ports the Service exposes (`spec.ports`),
   * each with the same port number as the container port.
   *
   * @default - every port of the main container
   */
  readonly ports?: string[];

  /**
   * The Service type (`spec.type`): `CLUSTER_IP`, `NODE_PORT` or `LOAD_BALANCER`.
   *
   * @default kplus.ServiceType.CLUSTER_IP
   */
  readonly type?: kplus.ServiceType;
}

/**
 * One Service per member, for clients outside the cluster that must reach a
 * particular member (each selects a single pod by its
 * `statefulset.kubernetes.io/pod-name` label). Members follow `startOrdinal`.
 */
export interface PodServicesOptions {
  /**
   * The type of every per-member Service (`spec.type`): `CLUSTER_IP`, `NODE_PORT`
   * or `LOAD_BALANCER`.
   *
   * @default kplus.ServiceType.CLUSTER_IP
   */
  readonly type?: kplus.ServiceType;

  /**
   * A suffix of the Service names: `<pod>-<suffix>` instead of `<pod>`.
   *
   * @default - each Service is named like its pod, `<name>-<ordinal>`
   */
  readonly suffix?: string;

  /**
   * The names of the main container's ports every per-member Service exposes (`spec.ports`).
   *
   * @default - every port of the main container
   */
  readonly ports?: string[];
}
