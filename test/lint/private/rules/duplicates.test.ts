import { ManifestLinter, Severity } from '../../../../src/lint';
import { findingOf, findingsOf, fixture } from '../../util';

describe('duplicate objects', () => {
  test('reports the later of two objects with the same kind, namespace and name, as an error', () => {
    // GIVEN the configmap twice
    const text = 'kind: ConfigMap\nmetadata: { name: c }\ndata: { a: "1" }\n---\nkind: ConfigMap\nmetadata: { name: c, namespace: default }\ndata: { a: "2" }\n';
    // WHEN
    const findings = ManifestLinter.lintYaml(text);
    // THEN
    const f = findingOf(findings, 'duplicate-object', 'ConfigMap/default/c');
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toBe("same kind, namespace and name as document 1 of manifests (line 1); applying both keeps only this one and silently drops the other's content");
  });

  test('objects of another namespace, kind or api group are not duplicates', () => {
    const objects = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'a' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'b' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'c', namespace: 'a' } },
      { apiVersion: 'example.com/v1', kind: 'Secret', metadata: { name: 'c', namespace: 'a' } },
    ];
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });

  test('the same object in two files is a duplicate', () => {
    const findings = ManifestLinter.lint([...fixture('good.yaml'), ...fixture('good.yaml')]);
    expect(findingsOf(findings, 'duplicate-object', 'StatefulSet/data/db')).toHaveLength(1);
  });
});
