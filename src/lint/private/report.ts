import { Finding, Severity } from '../finding';

/**
 * Findings as text, one per line, with a summary line. Accepted findings say so and why.
 */
export function formatText(findings: Finding[], objectCount: number): string {
  const lines = findings.map(f => f.acceptedReason === undefined
    ? `${f.severity.padEnd(7)} ${f.rule}  ${f.object}: ${f.message}`
    : `accepted ${f.rule}  ${f.object}: ${f.message} (accepted: ${f.acceptedReason})`);
  const open = findings.filter(f => f.acceptedReason === undefined);
  const errors = open.filter(f => f.severity === Severity.ERROR).length;
  const warnings = open.length - errors;
  const accepted = findings.length - open.length;
  lines.push(findings.length === 0
    ? `no problems found in ${plural(objectCount, 'object')}`
    : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${accepted > 0 ? `, ${accepted} accepted` : ''}`);
  return lines.join('\n') + '\n';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Findings as a JSON array with a fixed key order; `acceptedReason` only on accepted findings.
 */
export function formatJson(findings: Finding[]): string {
  return JSON.stringify(findings.map(f => ({
    severity: f.severity,
    rule: f.rule,
    object: f.object,
    message: f.message,
    ...(f.acceptedReason === undefined ? {} : { acceptedReason: f.acceptedReason }),
  })), null, 2) + '\n';
}

/**
 * Whether findings fail a run: an open (not accepted) finding of the given severity or worse.
 */
export function failsAt(findings: Finding[], failOn: Severity): boolean {
  return findings.some(f => f.acceptedReason === undefined && (f.severity === Severity.ERROR || failOn === Severity.WARNING));
}
