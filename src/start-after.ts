import { Duration } from 'cdk8s';

/**
 * Options of `OrderedStatefulApp.startAfter()`.
 */
export interface StartAfterOptions {
  /**
   * The name of the other app's port to wait for.
   *
   * @default - the first port of the other app's main container
   */
  readonly port?: string;

  /**
   * Wait until every member of the other app accepts connections, one after the
   * other, instead of only its first member.
   *
   * @default false
   */
  readonly allMembers?: boolean;

  /**
   * How long the init container waits before it gives up and exits with status 1;
   * the kubelet then restarts it with a back-off.
   *
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;
}
