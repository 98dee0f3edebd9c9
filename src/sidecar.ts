import { MemberProbe } from './member-probe';

/**
 * Options of `OrderedStatefulApp.addSidecar()`.
 */
export interface SidecarOptions {
  /**
   * The sidecar's readiness probe, naming one of its own ports. A member counts as Ready
   * only when every container is, so it also holds back ordered start.
   * Give either this or the container's `readiness`, not both.
   *
   * @default - the container's `readiness`, otherwise none
   */
  readonly readiness?: MemberProbe;

  /**
   * The sidecar's liveness probe, naming one of its own ports.
   *
   * @default - the container's `liveness`, otherwise none
   */
  readonly liveness?: MemberProbe;

  /**
   * The sidecar's startup probe, naming one of its own ports.
   *
   * @default - the container's `startup`, otherwise none
   */
  readonly startup?: MemberProbe;
}
