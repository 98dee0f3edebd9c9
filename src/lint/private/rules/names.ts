import {
  dns1035LabelProblem, dns1123LabelProblem, MAX_LABEL_LENGTH, MAX_STATEFUL_SET_NAME_LENGTH, memberPodName,
} from '../../../ground/names';
import { Bundle } from '../bundle';
import { lastOrdinal } from '../workloads';
import { finding, RawFinding } from './catalog';

/**
 * StatefulSet and Service names must be DNS labels, and short enough for the names Kubernetes derives from them.
 */
export function checkNames(bundle: Bundle): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const sts of bundle.statefulSets) {
    const problem = dns1123LabelProblem(sts.name);
    if (problem && sts.name.length <= MAX_LABEL_LENGTH) {
      findings.push(finding('name-not-dns-label', sts.obj, `metadata.name '${sts.name}' ${problem}; pod hostnames are derived from it`));
    }
    if (sts.name.length > MAX_STATEFUL_SET_NAME_LENGTH) {
      findings.push(finding('statefulset-name-too-long', sts.obj,
        `metadata.name '${sts.name}' is ${sts.name.length} characters; at most ${MAX_STATEFUL_SET_NAME_LENGTH} fit the controller-revision-hash label '<name>-<10 characters>'`));
    }
    const last = lastOrdinal(sts);
    const pod = memberPodName(sts.name, last);
    if (sts.replicas > 0 && pod.length > MAX_LABEL_LENGTH) {
      findings.push(finding('pod-name-too-long', sts.obj,
        `pod name '${pod}' (highest ordinal ${last}) is ${pod.length} characters; pod hostnames allow at most ${MAX_LABEL_LENGTH}`));
    }
  }
  for (const service of bundle.ofKind('Service')) {
    const problem = dns1035LabelProblem(service.name);
    if (problem) {
      findings.push(finding('name-not-dns-label', service, `metadata.name '${service.name}' ${problem}; service names become dns labels`));
    }
  }
  return findings;
}
