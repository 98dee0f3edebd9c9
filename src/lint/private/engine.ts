import { Finding } from '../finding';
import { Bundle, K8sObject, objectRef } from './objects';
import { RawFinding, RULES } from './rules/catalog';
import { checkGoverningService } from './rules/governing-service';
import { compareStatefulSets } from './rules/immutable-fields';
import { checkNames } from './rules/names';
import { checkOrdering } from './rules/ordering';
import { checkPorts } from './rules/ports';
import { checkPublishNotReady } from './rules/publish-not-ready';
import { checkReadiness } from './rules/readiness';
import { checkReferences } from './rules/references';
import { checkSelectors } from './rules/selectors';
import { statefulSets } from './workloads';

/**
 * Runs every rule over one bundle; findings come back in a stable order.
 */
export function lintObjects(objects: K8sObject[]): RawFinding[] {
  const bundle = new Bundle(objects);
  const sets = statefulSets(bundle);
  return sortFindings([
    ...checkGoverningService(bundle, sets),
    ...checkSelectors(bundle, sets),
    ...checkPorts(bundle, sets),
    ...checkReadiness(sets),
    ...checkNames(bundle, sets),
    ...checkPublishNotReady(bundle),
    ...checkReferences(bundle, sets),
    ...checkOrdering(bundle, sets),
  ]);
}

/**
 * Compares two versions of a bundle for changes a live cluster rejects.
 */
export function compareObjects(previous: K8sObject[], next: K8sObject[]): RawFinding[] {
  return sortFindings(compareStatefulSets(new Bundle(previous), new Bundle(next)));
}

/**
 * Order of objects in the bundle, then rule id, then message.
 */
export function sortFindings(findings: RawFinding[]): RawFinding[] {
  return [...findings].sort((a, b) =>
    a.subject.index - b.subject.index || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message));
}

export function toFinding(raw: RawFinding): Finding {
  return { severity: RULES[raw.rule].severity, rule: raw.rule, object: objectRef(raw.subject), message: raw.message };
}
