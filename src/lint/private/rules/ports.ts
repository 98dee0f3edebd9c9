import { dns1123LabelProblem, ianaSvcNameProblem } from '../../../ground/names';
import { Bundle } from '../bundle';
import { mapSelector } from '../selectors';
import { allContainers, asArray, StatefulSetView } from '../workloads';
import { finding, RawFinding } from './catalog';

/**
 * Port names: container ports named as IANA service names, service ports named when there are several,
 * and named target ports that exist on the pods a service selects.
 */
export function checkPorts(bundle: Bundle): RawFinding[] {
  return [...bundle.statefulSets.flatMap(checkContainerPorts), ...checkServicePorts(bundle)];
}

function checkContainerPorts(sts: StatefulSetView): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const container of allContainers(sts.podSpec)) {
    for (const port of asArray(container.ports)) {
      const where = `container '${container.name}' port ${port.containerPort}`;
      if (port.name === undefined || port.name === null || port.name === '') {
        findings.push(finding('container-port-unnamed', sts.obj,
          `${where} has no name; add a name such as 'tcp-${port.containerPort}' so services can target it by name`));
        continue;
      }
      const problem = ianaSvcNameProblem(port.name);
      if (problem) {
        findings.push(finding('container-port-name-invalid', sts.obj, `${where} name '${port.name}' ${problem}`));
      }
    }
  }
  return findings;
}

function checkServicePorts(bundle: Bundle): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const service of bundle.ofKind('Service')) {
    const ports = asArray(service.raw.spec?.ports);
    const selected = bundle.select(service.namespace, mapSelector(service.raw.spec?.selector)).flatMap(s => s.group.statefulSet ?? []);
    const portNames = new Set<string>(selected.flatMap(s => allContainers(s.podSpec)).flatMap(c => asArray(c.ports)).map(p => p.name).filter(n => n));
    for (const port of ports) {
      const label = port.name ? `port '${port.name}'` : `port ${port.port}`;
      if (!port.name && ports.length > 1) {
        findings.push(finding('service-port-unnamed', service,
          `${label} has no name but the service has ${ports.length} ports; name each port (for example '${port.port}' -> 'tcp-${port.port}')`));
      } else if (port.name) {
        const problem = dns1123LabelProblem(port.name);
        if (problem) {
          findings.push(finding('service-port-name-invalid', service, `${label} name ${problem}`));
        }
      }
      if (typeof port.targetPort === 'string' && selected.length > 0 && !portNames.has(port.targetPort)) {
        findings.push(finding('service-target-port-unknown', service,
          `${label} targetPort '${port.targetPort}' is not a container port name of statefulset ${selected.map(s => s.name).join(', ')}; `
          + `use one of ${[...portNames].map(n => `'${n}'`).join(', ') || 'the container port numbers'}`));
      }
    }
  }
  return findings;
}
