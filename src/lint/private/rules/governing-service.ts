import { Bundle } from '../bundle';
import { describeLabels, mapSelector } from '../selectors';
import { isHeadless, selectsAnyMember, stringMap } from '../workloads';
import { finding, RawFinding } from './catalog';

/**
 * Every StatefulSet needs a headless Service in its namespace, named by spec.serviceName, that selects its pods.
 */
export function checkGoverningService(bundle: Bundle): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const sts of bundle.statefulSets) {
    if (!sts.serviceName) {
      findings.push(finding('governing-service-unset', sts.obj,
        `spec.serviceName is not set; set it to the name of a headless service so members get stable dns names like ${sts.name}-0.<service>`));
      continue;
    }
    const service = bundle.find('Service', sts.namespace, sts.serviceName);
    if (!service) {
      findings.push(finding('governing-service-missing', sts.obj,
        `spec.serviceName '${sts.serviceName}' names no service in namespace '${sts.namespace}'; add a headless service '${sts.serviceName}' (clusterIP: None) or fix spec.serviceName`));
      continue;
    }
    if (!isHeadless(service)) {
      const clusterIP = service.raw.spec?.clusterIP;
      findings.push(finding('governing-service-not-headless', sts.obj,
        `governing service '${sts.serviceName}' has clusterIP ${clusterIP === undefined ? 'unset' : `'${clusterIP}'`}; set clusterIP: None so each member gets its own dns record`));
    }
    const selector = mapSelector(service.raw.spec?.selector);
    if (!selector.nothing && !selectsAnyMember(selector, sts)) {
      findings.push(finding('governing-service-selector-mismatch', sts.obj,
        `governing service '${sts.serviceName}' selector '${describeLabels(stringMap(service.raw.spec?.selector))}' does not select the pod template labels `
        + `'${describeLabels(sts.templateLabels)}'; members get no dns records until it does`));
    }
  }
  return findings;
}
