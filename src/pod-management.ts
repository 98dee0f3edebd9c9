/**
 * How the StatefulSet controller starts and stops members
 * (the StatefulSet field `spec.podManagementPolicy`).
 */
export enum PodManagement {
  /**
   * Members start one at a time in ordinal order: pod N+1 is created only once
   * pod N is Running and Ready, and they stop in reverse order.
   */
  ORDERED_READY = 'OrderedReady',

  /**
   * All members start and stop at once. For apps that can bootstrap in parallel
   * (they find their peers by DNS and wait for them on their own).
   */
  PARALLEL = 'Parallel',
}
