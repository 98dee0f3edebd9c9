import { Bundle } from '../bundle';
import { apiGroup, K8sObject } from '../objects';
import { finding, RawFinding } from './catalog';

/**
 * Two objects of the same kind (and API group), namespace and name: `kubectl apply` applies
 * both and the last one wins, so the first one's content is lost without a word.
 */
export function checkDuplicates(bundle: Bundle): RawFinding[] {
  const first = new Map<string, K8sObject>();
  const findings: RawFinding[] = [];
  for (const obj of bundle.objects) {
    const key = `${apiGroup(obj)}\u0000${obj.kind}\u0000${obj.namespace}\u0000${obj.name}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, obj);
      continue;
    }
    findings.push(finding('duplicate-object', obj,
      `same kind, namespace and name as ${where(earlier)}; applying both keeps only this one and silently drops the other's content`));
  }
  return findings;
}

function where(obj: K8sObject): string {
  return `document ${obj.document} of ${obj.source}${obj.line ? ` (line ${obj.line})` : ''}`;
}
