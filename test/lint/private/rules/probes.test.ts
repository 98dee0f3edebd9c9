import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, findingsOf, fixture } from '../../util';

const STS = 'StatefulSet/data/db';

function statefulSet(objects: any[]): any {
  return byKindAndName(objects, 'StatefulSet', 'db');
}

function dbContainer(objects: any[]): any {
  return statefulSet(objects).spec.template.spec.containers[0];
}

describe('readiness', () => {
  test('reports OrderedReady by default without a readiness probe', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    delete statefulSet(objects).spec.podManagementPolicy;
    delete dbContainer(objects).readinessProbe;
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'readiness-probe-missing', STS);
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain('podManagementPolicy is OrderedReady (the default) but no container has a readinessProbe');
  });

  test('a Parallel statefulset without a readiness probe is fine', () => {
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.podManagementPolicy = 'Parallel';
    delete dbContainer(objects).readinessProbe;
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });
});

describe('probe ports', () => {
  test.each(['readinessProbe', 'livenessProbe', 'startupProbe'])('reports a %s naming a port the container does not declare, as an error', probe => {
    // GIVEN
    const objects = fixture('good.yaml');
    dbContainer(objects)[probe] = { httpGet: { path: '/health', port: 'admin' } };
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'probe-port-unknown', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toBe(`container 'db' ${probe}.httpGet.port 'admin' is not a port name of the container, so the kubelet cannot resolve it `
      + "and the probe fails on every member; use one of 'client', 'peer'");
  });

  test('a probe by port number is fine, declared or not', () => {
    const objects = fixture('good.yaml');
    dbContainer(objects).livenessProbe = { tcpSocket: { port: 9999 } };
    expect(findingsOf(ManifestLinter.lint(objects), 'probe-port-unknown', STS)).toEqual([]);
  });
});

describe('identical probes', () => {
  test('reports identical readiness and liveness probes', () => {
    const objects = fixture('good.yaml');
    dbContainer(objects).livenessProbe = { tcpSocket: { port: 'client' } };
    const f = findingOf(ManifestLinter.lint(objects), 'probes-identical', STS);
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain("container 'db' has identical readiness and liveness probes: a member that is only slow or busy first leaves the endpoints and is then restarted");
  });

  test('a liveness probe with a higher failure threshold is not identical', () => {
    const objects = fixture('good.yaml');
    dbContainer(objects).livenessProbe = { tcpSocket: { port: 'client' }, failureThreshold: 10 };
    expect(findingsOf(ManifestLinter.lint(objects), 'probes-identical', STS)).toEqual([]);
  });
});
