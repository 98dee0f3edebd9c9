import { byKindAndName, findingOf, findingsOf, fixture } from './util';
import { ManifestLinter, Severity } from '../../src/lint';

function statefulSet(objects: any[]): any {
  return byKindAndName(objects, 'StatefulSet', 'db');
}

function dbContainer(objects: any[]): any {
  return statefulSet(objects).spec.template.spec.containers[0];
}

describe('clean manifests', () => {
  test('a statefulset with headless service, configmap, pdb and anti-affinity has no findings', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('a primary/replica bundle without namespaces has no findings', () => {
    expect(ManifestLinter.lint(fixture('mysql.yaml'))).toEqual([]);
  });

  test('an empty bundle has no findings', () => {
    expect(ManifestLinter.lintYaml('---\n---\n')).toEqual([]);
  });
});

describe('yaml input', () => {
  test('List objects are flattened and empty documents skipped', () => {
    // GIVEN
    const yaml = '---\n---\napiVersion: v1\nkind: List\nitems:\n'
      + '  - { apiVersion: apps/v1, kind: StatefulSet, metadata: { name: web }, spec: { replicas: 1 } }\n---\n';
    // WHEN
    const findings = ManifestLinter.lintYaml(yaml);
    // THEN
    expect(findingOf(findings, 'governing-service-unset', 'StatefulSet/default/web').severity).toBe(Severity.ERROR);
  });

  test('objects without a namespace share the default namespace', () => {
    const yaml = 'kind: Service\nmetadata: { name: web, namespace: default }\nspec: { clusterIP: None }\n---\n'
      + 'kind: StatefulSet\nmetadata: { name: web }\nspec: { serviceName: web, podManagementPolicy: Parallel }\n';
    expect(findingsOf(ManifestLinter.lintYaml(yaml), 'governing-service-missing', 'StatefulSet/default/web')).toEqual([]);
  });

  test('defaultNamespace names the namespace of objects without one', () => {
    const findings = ManifestLinter.lintYaml('kind: StatefulSet\nmetadata: { name: web }\n', { defaultNamespace: 'apps' });
    expect(findingOf(findings, 'governing-service-unset', 'StatefulSet/apps/web').severity).toBe(Severity.ERROR);
  });

  test('fails on invalid yaml with the document number', () => {
    expect(() => ManifestLinter.lintYaml('kind: Service\n---\nkind: [unclosed\n')).toThrow(/manifests: invalid yaml: document 2/);
  });

  test('fails on a document that is not a mapping', () => {
    expect(() => ManifestLinter.lintYaml('- a\n- b\n')).toThrow('manifests: document 1 is not a kubernetes object: expected a mapping, got a sequence');
  });

  test("fails on a document without 'kind'", () => {
    expect(() => ManifestLinter.lint([{ metadata: { name: 'x' } }])).toThrow("manifests: document 1 is not a kubernetes object: 'kind' is missing");
  });
});

describe('findings', () => {
  test('come in bundle order, then by rule id', () => {
    const objects = fixture('good.yaml');
    delete byKindAndName(objects, 'Service', 'db').spec.clusterIP;
    delete dbContainer(objects).readinessProbe;
    const findings = ManifestLinter.lint(objects);
    expect(findings.map(f => `${f.object} ${f.rule}`)).toEqual([
      'Service/data/db publish-not-ready-not-headless',
      'StatefulSet/data/db governing-service-not-headless',
      'StatefulSet/data/db readiness-probe-missing',
    ]);
  });

  test('hasErrors is true only with an error finding', () => {
    expect(ManifestLinter.hasErrors([{ severity: Severity.WARNING, rule: 'r', object: 'o', message: 'm' }])).toBe(false);
    expect(ManifestLinter.hasErrors([{ severity: Severity.ERROR, rule: 'r', object: 'o', message: 'm' }])).toBe(true);
  });
});
