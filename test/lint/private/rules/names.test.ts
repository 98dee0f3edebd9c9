import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, findingsOf, fixture } from '../../util';

function statefulSet(objects: any[]): any {
  return byKindAndName(objects, 'StatefulSet', 'db');
}

describe('names', () => {
  function renamed(name: string, replicas?: number, start?: number): any[] {
    const objects = fixture('good.yaml');
    const sts = statefulSet(objects);
    sts.metadata.name = name;
    sts.spec.replicas = replicas;
    if (start !== undefined) {
      sts.spec.ordinals = { start };
    }
    return objects;
  }

  test('a 52 character statefulset name is accepted', () => {
    const name = 'a'.repeat(52);
    expect(findingsOf(ManifestLinter.lint(renamed(name, 3)), 'statefulset-name-too-long', `StatefulSet/data/${name}`)).toEqual([]);
  });

  test('reports a statefulset name longer than 52 characters', () => {
    const name = 'a'.repeat(53);
    const f = findingOf(ManifestLinter.lint(renamed(name, 3)), 'statefulset-name-too-long', `StatefulSet/data/${name}`);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain('is 53 characters; at most 52 fit the controller-revision-hash label');
  });

  test('reports a pod name longer than 63 characters, honouring ordinals.start', () => {
    // GIVEN a 60 character name and highest ordinal 98 + 2
    const name = 'b'.repeat(60);
    // WHEN
    const findings = ManifestLinter.lint(renamed(name, 3, 98));
    // THEN
    const f = findingOf(findings, 'pod-name-too-long', `StatefulSet/data/${name}`);
    expect(f.message).toContain('(highest ordinal 100) is 64 characters');
  });

  test('replicas defaults to 1 for the pod name length', () => {
    // GIVEN the start ordinal alone fits exactly: 59 + '-' + 3 digits = 63
    const name = 'c'.repeat(59);
    // WHEN replicas is unset, THEN the start ordinal is the highest
    expect(findingsOf(ManifestLinter.lint(renamed(name, undefined, 999)), 'pod-name-too-long', `StatefulSet/data/${name}`)).toEqual([]);
    // WHEN there are two replicas, THEN the second ordinal has 4 digits
    expect(findingOf(ManifestLinter.lint(renamed(name, 2, 999)), 'pod-name-too-long', `StatefulSet/data/${name}`).message)
      .toContain('(highest ordinal 1000) is 64 characters');
  });

  test('the highest ordinal of two billion members is computed without listing them', () => {
    const name = 'd'.repeat(53);
    const f = findingOf(ManifestLinter.lint(renamed(name, 2147483647, 2147483647)), 'pod-name-too-long', `StatefulSet/data/${name}`);
    expect(f.message).toContain('(highest ordinal 4294967293) is 64 characters');
  });

  test('reports a statefulset name that is not a dns label', () => {
    const f = findingOf(ManifestLinter.lint(renamed('Db.Primary', 1)), 'name-not-dns-label', 'StatefulSet/data/Db.Primary');
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("metadata.name 'Db.Primary' may contain only lowercase letters, digits and '-'");
  });

  test('reports a service name starting with a digit', () => {
    const objects = fixture('good.yaml');
    objects.push({ kind: 'Service', metadata: { name: '1db', namespace: 'data' }, spec: { clusterIP: 'None', selector: { app: 'db' } } });
    const f = findingOf(ManifestLinter.lint(objects), 'name-not-dns-label', 'Service/data/1db');
    expect(f.message).toContain('must start with a lowercase letter');
  });
});
