/**
 * Ranges of the integer fields Kubernetes stores.
 */

/**
 * The largest value of an int32 field: replicas, ordinals, probe fields, budgets,
 * `minReadySeconds`, `revisionHistoryLimit`, user and group ids. A larger number would
 * reach the YAML as `2147483648` or `1e+21`, which the API server refuses.
 */
export const MAX_INT32 = 2147483647;

/** Whether `value` is an integer from `min` to `max`. */
export function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
