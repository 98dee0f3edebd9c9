/**
 * The integer fields of a Kubernetes probe and the smallest value each may have. The API
 * server replaces 0 in the last four by a default (10, 1, 1, 3), which would hide a
 * mistake, so 0 is refused there; every field is an int32.
 */
export const PROBE_FIELD_MINIMUMS = {
  initialDelaySeconds: 0,
  periodSeconds: 1,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 1,
};

/** The probes of a container whose `successThreshold` must be 1. */
export const SINGLE_SUCCESS_PROBES = ['liveness', 'startup'];
