import { Bundle } from '../bundle';
import { K8sObject } from '../objects';
import { describeLabels, describeSelector, labelSelector, mapSelector, selects } from '../selectors';
import { asArray, selectsAnyMember, StatefulSetView } from '../workloads';
import { finding, RawFinding } from './catalog';

/** How many StatefulSets a message suggests as what a selector may have meant. */
const MAX_CANDIDATES = 3;

/**
 * Selectors that should select a StatefulSet's pods but do not.
 */
export function checkSelectors(bundle: Bundle): RawFinding[] {
  return [
    ...bundle.statefulSets.flatMap(checkOwnSelector),
    ...checkServices(bundle),
    ...checkDisruptionBudgets(bundle),
    ...bundle.statefulSets.flatMap(checkAntiAffinity),
  ];
}

function checkOwnSelector(sts: StatefulSetView): RawFinding[] {
  const selector = labelSelector(sts.obj.raw.spec?.selector);
  if (selects(selector, sts.templateLabels)) {
    return [];
  }
  return [finding('statefulset-selector-mismatch', sts.obj,
    `spec.selector '${describeSelector(selector)}' does not match spec.template.metadata.labels '${describeLabels(sts.templateLabels)}'; `
    + 'the api server rejects the statefulset until the template labels satisfy the selector')];
}

/** Namespaces that hold a StatefulSet: only there can the linter tell that a selector misses. */
function statefulNamespaces(bundle: Bundle): Set<string> {
  return new Set(bundle.statefulSets.map(s => s.namespace));
}

function checkServices(bundle: Bundle): RawFinding[] {
  const namespaces = statefulNamespaces(bundle);
  const governing = new Set(bundle.statefulSets.map(s => `${s.namespace}/${s.serviceName}`));
  const findings: RawFinding[] = [];
  for (const service of bundle.ofKind('Service')) {
    const selector = mapSelector(service.raw.spec?.selector);
    if (!namespaces.has(service.namespace) || governing.has(`${service.namespace}/${service.name}`) || selector.nothing) {
      continue;
    }
    if (bundle.select(service.namespace, selector).length === 0) {
      findings.push(finding('service-selects-nothing', service,
        `spec.selector '${describeSelector(selector)}' selects no pod template in namespace '${service.namespace}', so the service has no endpoints; ${candidates(bundle, service)}`));
    }
  }
  return findings;
}

function checkDisruptionBudgets(bundle: Bundle): RawFinding[] {
  const namespaces = statefulNamespaces(bundle);
  const findings: RawFinding[] = [];
  for (const pdb of bundle.ofKind('PodDisruptionBudget').filter(p => namespaces.has(p.namespace))) {
    const selector = labelSelector(pdb.raw.spec?.selector);
    if (bundle.select(pdb.namespace, selector).length === 0) {
      findings.push(finding('pdb-selects-nothing', pdb,
        `spec.selector '${describeSelector(selector)}' selects no pod template in namespace '${pdb.namespace}', so it protects nothing; ${candidates(bundle, pdb)}`));
    }
  }
  return findings;
}

function checkAntiAffinity(sts: StatefulSetView): RawFinding[] {
  const anti = sts.podSpec.affinity?.podAntiAffinity ?? {};
  const terms = [
    ...asArray(anti.requiredDuringSchedulingIgnoredDuringExecution).map((term, i) => ({ term, path: `requiredDuringSchedulingIgnoredDuringExecution[${i}]` })),
    ...asArray(anti.preferredDuringSchedulingIgnoredDuringExecution)
      .map((weighted, i) => ({ term: weighted?.podAffinityTerm, path: `preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm` })),
  ];
  const findings: RawFinding[] = [];
  for (const { term, path } of terms) {
    const namespaces: string[] = asArray(term?.namespaces);
    if (namespaces.length > 0 && !namespaces.includes(sts.namespace)) {
      continue; // deliberately about pods of other namespaces
    }
    const selector = labelSelector(term?.labelSelector);
    if (!selectsAnyMember(selector, sts)) {
      findings.push(finding('anti-affinity-selects-nothing', sts.obj,
        `podAntiAffinity.${path}.labelSelector '${describeSelector(selector)}' does not select the statefulset's own pod labels '${describeLabels(sts.templateLabels)}'; `
        + 'members are not kept apart'));
    }
  }
  return findings;
}

function candidates(bundle: Bundle, obj: K8sObject): string {
  const local = bundle.statefulSetsIn(obj.namespace);
  const shown = local.slice(0, MAX_CANDIDATES).map(s => `statefulset ${s.name} '${describeLabels(s.templateLabels)}'`);
  return `pod template labels here: ${shown.join(', ')}${local.length > shown.length ? ` and ${local.length - shown.length} more` : ''}`;
}
