import { canonicalJson } from '../canonical';
import { Bundle } from '../objects';
import { statefulSets, StatefulSetView } from '../workloads';
import { finding, RawFinding } from './catalog';

interface ImmutableField {
  readonly path: string;
  /** The value as the api server sees it, defaults applied. */
  readonly read: (sts: StatefulSetView) => any;
}

const FIELDS: ImmutableField[] = [
  { path: 'spec.selector', read: sts => sts.obj.raw.spec?.selector ?? {} },
  { path: 'spec.serviceName', read: sts => sts.serviceName ?? '' },
  { path: 'spec.podManagementPolicy', read: sts => sts.podManagementPolicy },
  { path: 'spec.volumeClaimTemplates', read: sts => sts.obj.raw.spec?.volumeClaimTemplates ?? [] },
];

/**
 * Changes between two versions of the manifests that a live StatefulSet rejects.
 */
export function compareStatefulSets(previous: Bundle, next: Bundle): RawFinding[] {
  const before = new Map(statefulSets(previous).map(s => [`${s.namespace}/${s.name}`, s]));
  const findings: RawFinding[] = [];
  for (const sts of statefulSets(next)) {
    const old = before.get(`${sts.namespace}/${sts.name}`);
    if (!old) {
      continue;
    }
    for (const field of FIELDS) {
      const was = canonicalJson(field.read(old));
      const now = canonicalJson(field.read(sts));
      if (was !== now) {
        findings.push(finding('immutable-field-changed', sts.obj,
          `${field.path} changed from ${was} to ${now}, which a live statefulset rejects; delete and recreate it: `
          + `'kubectl delete statefulset ${sts.name}${sts.obj.namespaceExplicit ? ` -n ${sts.namespace}` : ''} --cascade=orphan' keeps the pods running, then apply`));
      }
    }
  }
  return findings;
}
