import { Bundle, K8sObject } from '../objects';
import { describeLabels, describeSelector, labelSelectorMatches, Labels, mapSelectorMatches } from '../selectors';
import { asArray, podLabelSets, stringMap, StatefulSetView } from '../workloads';
import { finding, RawFinding } from './catalog';

/**
 * Selectors that should select a StatefulSet's pods but do not.
 */
export function checkSelectors(bundle: Bundle, sets: StatefulSetView[]): RawFinding[] {
  return [
    ...sets.flatMap(checkOwnSelector),
    ...checkServices(bundle, sets),
    ...checkDisruptionBudgets(bundle, sets),
    ...sets.flatMap(checkAntiAffinity),
  ];
}

function checkOwnSelector(sts: StatefulSetView): RawFinding[] {
  const selector = sts.obj.raw.spec?.selector;
  if (labelSelectorMatches(selector, sts.templateLabels)) {
    return [];
  }
  return [finding('statefulset-selector-mismatch', sts.obj,
    `spec.selector '${describeSelector(selector)}' does not match spec.template.metadata.labels '${describeLabels(sts.templateLabels)}'; `
    + 'the api server rejects the statefulset until the template labels satisfy the selector')];
}

/** Namespaces that hold a StatefulSet: only there can the linter tell that a selector misses. */
function statefulNamespaces(sets: StatefulSetView[]): Set<string> {
  return new Set(sets.map(s => s.namespace));
}

function checkServices(bundle: Bundle, sets: StatefulSetView[]): RawFinding[] {
  const namespaces = statefulNamespaces(sets);
  const governing = new Set(sets.map(s => `${s.namespace}/${s.serviceName}`));
  const findings: RawFinding[] = [];
  for (const service of bundle.ofKind('Service')) {
    const selector = stringMap(service.raw.spec?.selector);
    if (!namespaces.has(service.namespace) || governing.has(`${service.namespace}/${service.name}`) || Object.keys(selector).length === 0) {
      continue;
    }
    if (!selectsAny(bundle, service.namespace, labels => mapSelectorMatches(selector, labels))) {
      findings.push(finding('service-selects-nothing', service,
        `spec.selector '${describeLabels(selector)}' selects no pod template in namespace '${service.namespace}'; ${candidates(sets, service)}`));
    }
  }
  return findings;
}

function checkDisruptionBudgets(bundle: Bundle, sets: StatefulSetView[]): RawFinding[] {
  const namespaces = statefulNamespaces(sets);
  const findings: RawFinding[] = [];
  for (const pdb of bundle.ofKind('PodDisruptionBudget').filter(p => namespaces.has(p.namespace))) {
    const selector = pdb.raw.spec?.selector;
    if (!selectsAny(bundle, pdb.namespace, labels => labelSelectorMatches(selector, labels))) {
      findings.push(finding('pdb-selects-nothing', pdb,
        `spec.selector '${describeSelector(selector)}' selects no pod template in namespace '${pdb.namespace}', so it protects nothing; ${candidates(sets, pdb)}`));
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
    const selector = term?.labelSelector;
    const own = sts.members.length > 0 ? sts.members.map(m => m.labels) : [sts.templateLabels];
    if (!own.some(labels => labelSelectorMatches(selector, labels))) {
      findings.push(finding('anti-affinity-selects-nothing', sts.obj,
        `podAntiAffinity.${path}.labelSelector '${describeSelector(selector)}' does not select the statefulset's own pod labels '${describeLabels(sts.templateLabels)}'; `
        + 'members are not kept apart'));
    }
  }
  return findings;
}

function selectsAny(bundle: Bundle, namespace: string, matches: (labels: Labels) => boolean): boolean {
  return podLabelSets(bundle, namespace).some(matches);
}

function candidates(sets: StatefulSetView[], obj: K8sObject): string {
  const local = sets.filter(s => s.namespace === obj.namespace);
  return 'pod template labels here: ' + local.map(s => `statefulset ${s.name} '${describeLabels(s.templateLabels)}'`).join(', ');
}
