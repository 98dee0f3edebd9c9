/**
 * Name validation shared by the rules. Each function returns what is wrong, or undefined.
 */

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
