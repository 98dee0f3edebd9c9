import { Bundle } from '../bundle';
import { canonicalJson } from '../canonical';
import { allContainers, asArray, StatefulSetView } from '../workloads';
import { finding, RawFinding } from './catalog';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'];

/**
 * Probes of a StatefulSet's containers: OrderedReady needs a readiness probe, a probe must name a
 * port its container declares, and a liveness probe that repeats the readiness probe restarts
 * members that are only busy.
 */
export function checkProbes(bundle: Bundle): RawFinding[] {
  return bundle.statefulSets.flatMap(sts => [...checkReadiness(sts), ...checkProbePorts(sts), ...checkIdentical(sts)]);
}

/**
 * OrderedReady waits for each member to be Ready; without a readiness probe Ready only means started.
 */
function checkReadiness(sts: StatefulSetView): RawFinding[] {
  if (sts.podManagementPolicy !== 'OrderedReady' || asArray(sts.podSpec.containers).some(c => c.readinessProbe)) {
    return [];
  }
  return [finding('readiness-probe-missing', sts.obj,
    `podManagementPolicy is OrderedReady${sts.obj.raw.spec?.podManagementPolicy ? '' : ' (the default)'} but no container has a readinessProbe, `
    + 'so each member counts as ready as soon as it starts and the ordering means nothing; add a readinessProbe or set podManagementPolicy: Parallel')];
}

function checkProbePorts(sts: StatefulSetView): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const container of allContainers(sts.podSpec)) {
    const names = asArray(container.ports).map(p => p.name).filter(n => n);
    for (const probe of PROBES) {
      for (const handler of ['httpGet', 'tcpSocket']) {
        const port = container[probe]?.[handler]?.port;
        if (typeof port === 'string' && !names.includes(port)) {
          findings.push(finding('probe-port-unknown', sts.obj,
            `container '${container.name}' ${probe}.${handler}.port '${port}' is not a port name of the container, so the kubelet cannot resolve it `
            + `and the probe fails on every member; use one of ${names.map(n => `'${n}'`).join(', ') || 'the port numbers (the container names no port)'}`));
        }
      }
    }
  }
  return findings;
}

function checkIdentical(sts: StatefulSetView): RawFinding[] {
  return asArray(sts.podSpec.containers)
    .filter(c => c.readinessProbe && c.livenessProbe && canonicalJson(c.readinessProbe) === canonicalJson(c.livenessProbe))
    .map(c => finding('probes-identical', sts.obj,
      `container '${c.name}' has identical readiness and liveness probes: a member that is only slow or busy first leaves the endpoints `
      + 'and is then restarted, and under load every member may restart at once; let the liveness probe fail later (higher failureThreshold) or check less'));
}
