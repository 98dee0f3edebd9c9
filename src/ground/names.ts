/**
 * Kubernetes naming rules, as the API server checks them.
 */

const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** The longest DNS label (and label value, pod hostname, Service name). */
export const MAX_LABEL_LENGTH = 63;

/**
 * The longest StatefulSet name: the controller labels each pod with
 * `controller-revision-hash: <name>-<10 characters>`, a label value of at most 63.
 */
export const MAX_STATEFUL_SET_NAME_LENGTH = MAX_LABEL_LENGTH - 11;

/** The name of a StatefulSet's member: `<statefulSet>-<ordinal>`, also its hostname. */
export function memberPodName(statefulSet: string, ordinal: number): string {
  return `${statefulSet}-${ordinal}`;
}

/** Whether `value` is a DNS-1123 label (names of most objects, namespaces, hostnames). */
export function isDns1123Label(value: string): boolean {
  return dns1123LabelProblem(value) === undefined;
}

/** Whether `value` is a DNS-1035 label (Service names: must start with a letter). */
export function isDns1035Label(value: string): boolean {
  return dns1035LabelProblem(value) === undefined;
}

/** Whether `value` is a DNS-1123 subdomain (dot-separated labels, at most 253 characters). */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && value.split('.').every(isDns1123Label);
}

const LABEL_CHARS = /^[a-z0-9-]*$/;

/**
 * RFC 1123 label: at most 63 characters, lowercase alphanumerics and '-', alphanumeric at both ends.
 */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length === 0) {
    return 'must not be empty';
  }
  if (value.length > 63) {
    return `is ${value.length} characters, at most 63 are allowed`;
  }
  if (!LABEL_CHARS.test(value)) {
    return "may contain only lowercase letters, digits and '-'";
  }
  if (value.startsWith('-') || value.endsWith('-')) {
    return 'must start and end with a letter or digit';
  }
  return undefined;
}

/**
 * RFC 1035 label (Service names): an RFC 1123 label that starts with a letter.
 */
export function dns1035LabelProblem(value: string): string | undefined {
  const problem = dns1123LabelProblem(value);
  if (problem) {
    return problem;
  }
  return /^[a-z]/.test(value) ? undefined : 'must start with a lowercase letter';
}

/**
 * IANA_SVC_NAME (container port names): at most 15 characters, lowercase alphanumerics and '-',
 * at least one letter, no '-' at either end and no '--'.
 */
export function ianaSvcNameProblem(value: string): string | undefined {
  if (value.length === 0) {
    return 'must not be empty';
  }
  if (value.length > 15) {
    return `is ${value.length} characters, at most 15 are allowed`;
  }
  if (!LABEL_CHARS.test(value)) {
    return "may contain only lowercase letters, digits and '-'";
  }
  if (!/[a-z]/.test(value)) {
    return 'must contain at least one letter';
  }
  if (value.startsWith('-') || value.endsWith('-')) {
    return "must not start or end with '-'";
  }
  if (value.includes('--')) {
    return "must not contain '--'";
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

const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * Environment variable names (and `envFrom` prefixes): letters, digits, '_', '-' and '.',
 * not starting with a digit, and not '.', '..' or starting with '..'.
 */
export function envVarNameProblem(value: string): string | undefined {
  if (!ENV_VAR_NAME.test(value)) {
    return 'must consist of letters, digits, \'_\', \'-\' and \'.\', and not start with a digit';
  }
  if (value === '.' || value.startsWith('..')) {
    return 'must not be \'.\' nor start with \'..\'';
  }
  return undefined;
}

const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * The key of a ConfigMap's or Secret's data: letters, digits, '-', '_' and '.', not '.' nor
 * starting with '..' (its length is checked where the key is built). `what` names the key.
 */
export function dataKeyProblem(key: string, what: string): string | undefined {
  if (!DATA_KEY.test(key)) {
    return `must have only letters, digits, '-', '_' and '.' (${what})`;
  }
  if (key === '.' || key.startsWith('..')) {
    return 'must not be \'.\' nor start with \'..\'';
  }
  return undefined;
}
