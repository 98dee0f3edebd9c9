/**
 * The start-order convention: an app that starts after another has an init container
 * `wait-for-<other>` that runs before any other init container and says in its
 * environment what it waits for, so that reviewers and the explainer can read the order.
 */

/** The prefix of a wait container's name. */
export const WAIT_CONTAINER_PREFIX = 'wait-for-';

/** The name of the StatefulSet waited for. */
export const WAIT_FOR_ENV = 'WAIT_FOR';

/** The DNS names of the members waited for, separated by spaces. */
export const WAIT_HOSTS_ENV = 'WAIT_HOSTS';

/** The port waited for. */
export const WAIT_PORT_ENV = 'WAIT_PORT';

/** How long the container waits before it gives up, in seconds. */
export const WAIT_TIMEOUT_ENV = 'WAIT_TIMEOUT_SECONDS';

/** The name of the init container that waits for the StatefulSet `other`. */
export function waitContainerName(other: string): string {
  return `${WAIT_CONTAINER_PREFIX}${other}`;
}
