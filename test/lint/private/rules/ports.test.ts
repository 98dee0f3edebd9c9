import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, fixture } from '../../util';

const STS = 'StatefulSet/data/db';

function statefulSet(objects: any[]): any {
  return byKindAndName(objects, 'StatefulSet', 'db');
}

function dbContainer(objects: any[]): any {
  return statefulSet(objects).spec.template.spec.containers[0];
}

describe('ports', () => {
  test('reports an unnamed container port', () => {
    const objects = fixture('good.yaml');
    delete dbContainer(objects).ports[1].name;
    // the service's targetPort 'peer' now names nothing as well
    const findings = ManifestLinter.lint(objects);
    const f = findingOf(findings, 'container-port-unnamed', STS);
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain("container 'db' port 7000 has no name");
    expect(findingOf(findings, 'service-target-port-unknown', 'Service/data/db').message).toContain("targetPort 'peer' is not a container port name");
  });

  test.each([
    ['peer-to-peer-replication', 'is 24 characters, at most 15 are allowed'],
    ['Peer', "may contain only lowercase letters, digits and '-'"],
    ['7000', 'must contain at least one letter'],
    ['-peer', "must not start or end with '-'"],
    ['peer--tcp', "must not contain '--'"],
  ])('reports container port name %s', (name, problem) => {
    const objects = fixture('good.yaml');
    dbContainer(objects).ports[1].name = name;
    byKindAndName(objects, 'Service', 'db').spec.ports[1].targetPort = 7000;
    const findings = ManifestLinter.lint(objects);
    const f = findingOf(findings, 'container-port-name-invalid', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toBe(`container 'db' port 7000 name '${name}' ${problem}`);
  });

  test('reports unnamed ports of a service with several ports', () => {
    const objects = fixture('good.yaml');
    delete byKindAndName(objects, 'Service', 'db').spec.ports[0].name;
    const findings = ManifestLinter.lint(objects);
    const f = findingOf(findings, 'service-port-unnamed', 'Service/data/db');
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain('port 5432 has no name but the service has 2 ports');
  });

  test('an unnamed port of a single-port service is fine', () => {
    const objects = fixture('mysql.yaml');
    delete byKindAndName(objects, 'Service', 'mysql-read').spec.ports[0].name;
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });

  test('reports a service port name that is not a dns label', () => {
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'Service', 'db').spec.ports[0].name = 'Client_Port';
    const f = findingOf(ManifestLinter.lint(objects), 'service-port-name-invalid', 'Service/data/db');
    expect(f.severity).toBe(Severity.ERROR);
  });
});
