import { Bundle } from '../bundle';
import { finding, RawFinding } from './catalog';
import { isMapping } from '../input/shape';
import { child, FieldPath, pathText } from '../input/values';
import { apiGroup, K8sObject } from '../objects';
import { asArray } from '../workloads';

/** API groups whose types the API server defines, so it is known what it stores. Custom resources keep what they are given. */
const BUILT_IN_GROUPS = new Set([
  '', 'apps', 'batch', 'policy', 'autoscaling', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'scheduling.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'node.k8s.io', 'admissionregistration.k8s.io',
  'apiextensions.k8s.io', 'certificates.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io',
]);

/** Lists the API server keeps even when empty (no `omitempty`): every other empty list is dropped. */
const KEPT_EMPTY_LISTS = new Set(['rules', 'containers']);

/**
 * Fields that are maps (Go `map[string]string` or resource lists), which the API server drops
 * when empty. Every other `{}` is a struct and is kept (`emptyDir: {}`, a `podSelector: {}` that
 * selects every pod).
 */
const MAP_FIELDS = new Set(['labels', 'annotations', 'matchLabels', 'nodeSelector', 'requests', 'limits']);
const TOP_LEVEL_MAPS = new Set(['data', 'binaryData', 'stringData']);

/** The most empty fields one message lists. */
const MAX_LISTED = 5;

const CONSEQUENCE = 'so Argo CD and other GitOps tools that compare the YAML with the live object show it OutOfSync forever';

/**
 * What the API server stores differently from the YAML: claim templates without `apiVersion`
 * and `kind` (it fills in `v1` and `PersistentVolumeClaim`), and empty lists and maps (it drops them).
 */
export function checkDrift(bundle: Bundle): RawFinding[] {
  return [...bundle.statefulSets.flatMap(sts => checkClaimTemplates(sts.obj)), ...bundle.objects.flatMap(checkEmpties)];
}

function checkClaimTemplates(obj: K8sObject): RawFinding[] {
  return asArray(obj.raw.spec?.volumeClaimTemplates).flatMap((template, i) => {
    const missing = [
      ...(template.apiVersion ? [] : ['apiVersion']),
      ...(template.kind ? [] : ['kind']),
    ];
    if (missing.length === 0) {
      return [];
    }
    const volumeMode = template.spec?.volumeMode ? '' : ' (and spec.volumeMode: Filesystem)';
    return [finding('gitops-drift', obj,
      `spec.volumeClaimTemplates[${i}]${template.metadata?.name ? ` ('${template.metadata.name}')` : ''} has no ${missing.join(' and ')}; the api server stores `
      + `apiVersion: v1 and kind: PersistentVolumeClaim${volumeMode}, ${CONSEQUENCE} (Argo CD issues 4126, 11143, 16707); write them out`)];
  });
}

/** Whether a field is a Go map, which the api server drops when empty. */
function isMap(obj: K8sObject, path: FieldPath, depth: number): boolean {
  const key = String(path.key);
  return MAP_FIELDS.has(key) || (depth === 1 && TOP_LEVEL_MAPS.has(key)) || (obj.kind === 'Service' && depth === 2 && key === 'selector' && path.parent?.key === 'spec');
}

function checkEmpties(obj: K8sObject): RawFinding[] {
  if (!BUILT_IN_GROUPS.has(apiGroup(obj))) {
    return [];
  }
  const found: string[] = [];
  const walk = (value: unknown, path: FieldPath, depth: number) => {
    if (Array.isArray(value)) {
      if (value.length === 0 && !KEPT_EMPTY_LISTS.has(String(path.key))) {
        found.push(`${pathText(path)}: []`);
      }
      value.forEach((element, i) => walk(element, child(path, i), depth + 1));
    } else if (isMapping(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0 && isMap(obj, path, depth)) {
        found.push(`${pathText(path)}: {}`);
      }
      for (const [key, element] of entries) {
        walk(element, child(path, key), depth + 1);
      }
    }
  };
  for (const [key, value] of Object.entries(obj.raw)) {
    walk(value, child(undefined, key), 1);
  }
  if (found.length === 0) {
    return [];
  }
  const listed = found.slice(0, MAX_LISTED).join(', ') + (found.length > MAX_LISTED ? ` and ${found.length - MAX_LISTED} more` : '');
  return [finding('gitops-drift', obj,
    `${listed}: the api server drops empty lists and maps, ${CONSEQUENCE}; leave ${found.length === 1 ? 'the field' : 'these fields'} out`)];
}
