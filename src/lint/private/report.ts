import { Finding, Severity } from '../finding';

/**
 * Findings as text, one per line, with a summary line.
 */
export function formatText(findings: Finding[], objectCount: number): string {
  const lines = findings.map(f => `${f.severity.padEnd(7)} ${f.rule}  ${f.object}: ${f.message}`);
  const errors = findings.filter(f => f.severity === Severity.ERROR).length;
  const warnings = findings.length - errors;
  lines.push(findings.length === 0
    ? `no problems found in ${objectCount} object${objectCount === 1 ? '' : 's'}`
    : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return lines.join('\n') + '\n';
}

/**
 * Findings as a JSON array with a fixed key order.
 */
export function formatJson(findings: Finding[]): string {
  return JSON.stringify(findings.map(f => ({ severity: f.severity, rule: f.rule, object: f.object, message: f.message })), null, 2) + '\n';
}
