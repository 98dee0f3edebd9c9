import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, fixture } from '../../util';

const STS = 'StatefulSet/data/db';

function statefulSet(objects: any[]): any {
  return byKindAndName(objects, 'StatefulSet', 'db');
}

describe('governing service', () => {
  test('reports a missing spec.serviceName as an error', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    delete statefulSet(objects).spec.serviceName;
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'governing-service-unset', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain('spec.serviceName is not set');
  });

  test('reports a serviceName with no service of that name in the namespace', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.serviceName = 'db-headless';
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'governing-service-missing', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("spec.serviceName 'db-headless' names no service in namespace 'data'");
  });

  test('a service of the same name in another namespace does not count', () => {
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'Service', 'db').metadata.namespace = 'other';
    const findings = ManifestLinter.lint(objects);
    expect(findingOf(findings, 'governing-service-missing', STS).severity).toBe(Severity.ERROR);
  });

  test('reports a governing service that is not headless', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    delete byKindAndName(objects, 'Service', 'db').spec.clusterIP;
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'governing-service-not-headless', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("governing service 'db' has clusterIP unset; set clusterIP: None");
  });

  test('reports a governing service whose selector misses the pod template labels', () => {
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'Service', 'db').spec.selector = { app: 'database' };
    const findings = ManifestLinter.lint(objects);
    const f = findingOf(findings, 'governing-service-selector-mismatch', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("selector 'app=database' does not select the pod template labels 'app=db'");
  });
});
