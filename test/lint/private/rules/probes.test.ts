import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, fixture } from '../../util';

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
