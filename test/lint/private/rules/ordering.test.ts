import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, findingsOf, fixture } from '../../util';

const STS = 'StatefulSet/data/db';

function statefulSet(objects: any[]): any {
  return byKindAndName(objects, 'StatefulSet', 'db');
}

describe('ordering', () => {
  test('reports a governing service and configmap placed after the statefulset', () => {
    // GIVEN the statefulset moved to the front
    const objects = fixture('good.yaml');
    const sts = statefulSet(objects);
    const reordered = [sts, ...objects.filter(o => o !== sts)];
    // WHEN
    const findings = ManifestLinter.lint(reordered);
    // THEN
    const messages = findingsOf(findings, 'dependency-after-statefulset', STS).map(f => f.message);
    expect(messages).toEqual([
      expect.stringContaining('ConfigMap/data/db-config comes after the statefulset'),
      expect.stringContaining('Service/data/db comes after the statefulset'),
    ]);
    expect(findingsOf(findings, 'dependency-after-statefulset', STS).every(f => f.severity === Severity.WARNING)).toBe(true);
  });

  test('reports a service account placed after the statefulset', () => {
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.template.spec.serviceAccountName = 'db';
    objects.push({ kind: 'ServiceAccount', metadata: { name: 'db', namespace: 'data' } });
    expect(findingOf(ManifestLinter.lint(objects), 'dependency-after-statefulset', STS).message).toContain('ServiceAccount/data/db');
  });
});
