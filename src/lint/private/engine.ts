import { Finding } from '../finding';
import { Bundle } from './bundle';
import { NetworkPolicies } from './network';
import { K8sObject, objectRef } from './objects';
import { pairStatefulSets } from './pairing';
import { checkAcceptances, markAccepted } from './rules/acceptance';
import { RawFinding, RuleId, RULES } from './rules/catalog';
import { compareClaims } from './rules/claims';
import { checkDisruption } from './rules/disruption';
import { checkDrift } from './rules/drift';
import { checkDuplicates } from './rules/duplicates';
import { checkGoverningService } from './rules/governing-service';
import { compareStatefulSets } from './rules/immutable-fields';
import { checkMounts } from './rules/mounts';
import { checkNames } from './rules/names';
import { checkNetworkPolicies } from './rules/network-policies';
import { checkOrdering } from './rules/ordering';
import { checkPorts } from './rules/ports';
import { checkProbes } from './rules/probes';
import { checkPublishNotReady } from './rules/publish-not-ready';
import { checkReferences } from './rules/references';
import { checkSelectors } from './rules/selectors';
import { Waits } from './waits';

/**
 * Runs every rule over one bundle (and, given the objects as applied today, the checks of
 * what a live cluster rejects); applies acceptances. Findings come back in a stable order.
 */
export function lintObjects(objects: K8sObject[], previous?: K8sObject[]): RawFinding[] {
  const bundle = new Bundle(objects);
  const findings = [
    ...checkDuplicates(bundle),
    ...checkGoverningService(bundle),
    ...checkSelectors(bundle),
    ...checkDisruption(bundle),
    ...checkPorts(bundle),
    ...checkProbes(bundle),
    ...checkNames(bundle),
    ...checkPublishNotReady(bundle),
    ...checkReferences(bundle),
    ...checkMounts(bundle),
    ...checkNetworkPolicies(bundle, new Waits(bundle), new NetworkPolicies(bundle)),
    ...checkDrift(bundle),
    ...checkOrdering(bundle),
    ...(previous ? compareVersions(new Bundle(previous), bundle) : []),
  ];
  const ran = new Set((Object.keys(RULES) as RuleId[])
    .filter(rule => !rule.startsWith('acceptance-') && (previous || !COMPARING_RULES.includes(rule))));
  return sortFindings([...markAccepted(findings), ...checkAcceptances(objects, findings, ran)]);
}

/**
 * Compares two versions of a bundle for changes a live cluster rejects.
 */
export function compareObjects(previous: K8sObject[], next: K8sObject[]): RawFinding[] {
  return sortFindings(markAccepted(compareVersions(new Bundle(previous), new Bundle(next))));
}

/** The rules that compare the manifests with the ones applied today, run only with them. */
const COMPARING_RULES: RuleId[] = ['immutable-field-changed', 'claims-abandoned'];

function compareVersions(previous: Bundle, next: Bundle): RawFinding[] {
  const { pairs } = pairStatefulSets(previous, next);
  return [...compareStatefulSets(pairs), ...compareClaims(pairs)];
}

/**
 * Order of objects in the bundle, then rule id, then message.
 */
export function sortFindings(findings: RawFinding[]): RawFinding[] {
  return [...findings].sort((a, b) =>
    a.subject.index - b.subject.index || compare(a.rule, b.rule) || compare(a.message, b.message));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toFinding(raw: RawFinding): Finding {
  return {
    severity: RULES[raw.rule].severity,
    rule: raw.rule,
    object: objectRef(raw.subject),
    message: raw.message,
    ...(raw.accepted === undefined ? {} : { acceptedReason: raw.accepted }),
  };
}
