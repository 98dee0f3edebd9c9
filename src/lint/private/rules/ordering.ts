import { Bundle } from '../bundle';
import { K8sObject, objectRef } from '../objects';
import { podReferences } from '../references';
import { finding, RawFinding } from './catalog';

/**
 * `kubectl apply -f` creates objects in file order: what a StatefulSet's pods need should come first.
 */
export function checkOrdering(bundle: Bundle): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const sts of bundle.statefulSets) {
    const needed: K8sObject[] = [];
    const add = (obj: K8sObject | undefined) => {
      if (obj && !needed.includes(obj)) {
        needed.push(obj);
      }
    };
    if (sts.serviceName) {
      add(bundle.find('Service', sts.namespace, sts.serviceName));
    }
    for (const ref of podReferences(sts.podSpec)) {
      add(bundle.find(ref.kind, sts.namespace, ref.name));
    }
    const account = sts.podSpec.serviceAccountName ?? sts.podSpec.serviceAccount;
    if (typeof account === 'string') {
      add(bundle.find('ServiceAccount', sts.namespace, account));
    }
    for (const dependency of needed.filter(d => d.index > sts.obj.index)) {
      findings.push(finding('dependency-after-statefulset', sts.obj,
        `${objectRef(dependency)} comes after the statefulset in the manifests, so a plain 'kubectl apply -f' creates pods before it exists; `
        + 'move it before the statefulset'));
    }
  }
  return findings;
}
