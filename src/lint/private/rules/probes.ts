import { StatefulSetView } from '../workloads';
import { finding, RawFinding } from './catalog';

/**
 * OrderedReady waits for each member to be Ready; without a readiness probe Ready only means started.
 */
export function checkReadiness(sets: StatefulSetView[]): RawFinding[] {
  return sets
    .filter(sts => sts.podManagementPolicy === 'OrderedReady')
    .filter(sts => !(sts.podSpec.containers ?? []).some((c: any) => c?.readinessProbe))
    .map(sts => finding('readiness-probe-missing', sts.obj,
      `podManagementPolicy is OrderedReady${sts.obj.raw.spec?.podManagementPolicy ? '' : ' (the default)'} but no container has a readinessProbe, `
      + 'so each member counts as ready as soon as it starts and the ordering means nothing; add a readinessProbe or set podManagementPolicy: Parallel'));
}
