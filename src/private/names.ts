/**
 * Kubernetes naming rules, as the API server checks them.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** The longest DNS label (and label value, pod hostname, Service name). */
export const MAX_LABEL_LENGTH = 63;

/**
 * The longest StatefulSet name: the controller labels each pod with
 * `controller-revision-hash: <name>-<10 characters>`, a label value of at most 63.
 */
export const MAX_STATEFUL_SET_NAME_LENGTH = MAX_LABEL_LENGTH - 11;

/** Whether `value` is a DNS-1123 label (names of most objects, namespaces, hostnames). */
export function isDns1123Label(value: string): boolean {
  return value.length <= MAX_LABEL_LENGTH && DNS1123_LABEL.test(value);
}

/** Whether `value` is a DNS-1035 label (Service names: must start with a letter). */
export function isDns1035Label(value: string): boolean {
  return value.length <= MAX_LABEL_LENGTH && DNS1035_LABEL.test(value);
}

/** Whether `value` is a DNS-1123 subdomain (dot-separated labels, at most 253 characters). */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value.split('.').every(isDns1123Label);
}

/**
 * What is wrong with a port name under the IANA_SVC_NAME rules (RFC 6335), or
 * undefined when it is valid.
 */
export function ianaSvcNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 15) {
    return 'must have 1 to 15 characters';
  }
  if (!/^[a-z0-9-]+$/.test(name)) {
    return 'must have only lowercase letters, digits and hyphens';
  }
  if (!/[a-z]/.test(name)) {
    return 'must have at least one letter';
  }
  if (name.startsWith('-') || name.endsWith('-') || name.includes('--')) {
    return 'must not start or end with a hyphen nor have two hyphens in a row';
  }
  return undefined;
}

/** Whether `key` is a valid label key: an optional DNS subdomain prefix and a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) {
    return false;
  }
  return name.length <= MAX_LABEL_LENGTH && LABEL_NAME.test(name);
}

/** Whether `value` is a valid label value: at most 63 characters, alphanumeric at both ends. */
export function isLabelValue(value: string): boolean {
  return value.length <= MAX_LABEL_LENGTH && LABEL_VALUE.test(value);
}
