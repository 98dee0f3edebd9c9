import { K8sObject } from '../objects';
import { didYouMean, finding, isRuleId, RawFinding, RuleId } from './catalog';

/**
 * The prefix of an acceptance annotation: `accept.stateful-topology.cdk8s.io/<rule>: <reason>`
 * on an object accepts what that rule finds on the object.
 */
export const ACCEPT_ANNOTATION_PREFIX = 'accept.stateful-topology.cdk8s.io/';

/** The annotation that accepts a rule's findings on the object it is set on. */
export function acceptAnnotation(rule: RuleId): string {
  return `${ACCEPT_ANNOTATION_PREFIX}${rule}`;
}

interface Acceptance {
  readonly subject: K8sObject;
  readonly key: string;
  readonly rule: string;
  readonly reason: string;
}

function acceptancesOf(obj: K8sObject): Acceptance[] {
  return Object.entries(obj.raw.metadata?.annotations ?? {})
    .filter(([key]) => key.startsWith(ACCEPT_ANNOTATION_PREFIX))
    .map(([key, reason]) => ({ subject: obj, key, rule: key.slice(ACCEPT_ANNOTATION_PREFIX.length), reason: String(reason).trim() }));
}

/**
 * Marks the findings their subject accepts: those of a rule its acceptance annotation names,
 * with a reason.
 */
export function markAccepted(findings: RawFinding[]): RawFinding[] {
  return findings.map(f => {
    const reason = validAcceptances(f.subject).get(f.rule);
    return reason === undefined ? f : { ...f, accepted: reason };
  });
}

/**
 * Acceptance annotations that name no rule, give no reason, or accept nothing (checked only
 * for rules that ran).
 */
export function checkAcceptances(objects: K8sObject[], findings: RawFinding[], ran: ReadonlySet<RuleId>): RawFinding[] {
  const found = new Set(findings.map(f => `${f.subject.index}\u0000${f.rule}`));
  return objects.flatMap(acceptancesOf).flatMap(a => {
    if (!isRuleId(a.rule)) {
      return [finding('acceptance-invalid', a.subject, `annotation '${a.key}' names no rule${didYouMean(a.rule)}; a rule id follows '${ACCEPT_ANNOTATION_PREFIX}', such as 'secret-missing'`)];
    }
    if (a.reason === '') {
      return [finding('acceptance-invalid', a.subject, `annotation '${a.key}' gives no reason; say why the finding is accepted, for the next reviewer`)];
    }
    if (ran.has(a.rule) && !found.has(`${a.subject.index}\u0000${a.rule}`)) {
      return [finding('acceptance-unused', a.subject, `annotation '${a.key}' accepts nothing: rule ${a.rule} finds nothing on this object; remove the annotation`)];
    }
    return [];
  });
}

/** The rules an object accepts, with the reasons. */
function validAcceptances(obj: K8sObject): Map<string, string> {
  return new Map(acceptancesOf(obj).filter(a => isRuleId(a.rule) && a.reason !== '').map(a => [a.rule, a.reason]));
}
