import { Bundle } from '../bundle';
import { K8sObject } from '../objects';
import { finding, RawFinding } from './catalog';

/**
 * Disruption budgets of StatefulSets: a StatefulSet of two or more members needs one, and a
 * budget should let a drain evict members that are not ready.
 */
export function checkDisruption(bundle: Bundle): RawFinding[] {
  const findings: RawFinding[] = [];
  const budgets = new Set<K8sObject>();
  for (const sts of bundle.statefulSets) {
    const selecting = bundle.selectorsOf('PodDisruptionBudget', sts.obj);
    selecting.forEach(s => budgets.add(s.by));
    if (sts.replicas >= 2 && selecting.length === 0) {
      findings.push(finding('pdb-missing', sts.obj,
        `${sts.replicas} members and no PodDisruptionBudget selects them, so a node drain or cluster upgrade may evict every member at once; `
        + 'add a budget with maxUnavailable: 1, or replicas minus the quorum'));
    }
  }
  for (const pdb of budgets) {
    if (!pdb.raw.spec?.unhealthyPodEvictionPolicy) {
      findings.push(finding('pdb-eviction-policy-unset', pdb,
        'spec.unhealthyPodEvictionPolicy is not set, so it is IfHealthyBudget: while the budget is used up, a member that is not ready '
        + '(crash-looping, stuck in startup) cannot be evicted and blocks every node drain; set unhealthyPodEvictionPolicy: AlwaysAllow'));
    }
  }
  return findings;
}
