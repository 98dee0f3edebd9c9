import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { byKindAndName, findingOf, findingsOf, fixture } from './util';
import { EtcdChart } from '../../examples/etcd/main';
import { ManifestLinter, Severity } from '../../src/lint';
import { LintInputError } from '../../src/lint/lint-input-error';

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
    expect(() => ManifestLinter.lintYaml('- a\n- b\n')).toThrow('manifests: document 1: not a kubernetes object: expected a mapping, got a list');
  });

  test("fails on a document without 'kind'", () => {
    expect(() => ManifestLinter.lint([{ metadata: { name: 'x' } }])).toThrow("manifests: document 1: not a kubernetes object: 'kind' is missing");
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

  test('hasErrors is true only with an error finding that is not accepted', () => {
    expect(ManifestLinter.hasErrors([{ severity: Severity.WARNING, rule: 'r', object: 'o', message: 'm' }])).toBe(false);
    expect(ManifestLinter.hasErrors([{ severity: Severity.ERROR, rule: 'r', object: 'o', message: 'm' }])).toBe(true);
    expect(ManifestLinter.hasErrors([{ severity: Severity.ERROR, rule: 'r', object: 'o', message: 'm', acceptedReason: 'known' }])).toBe(false);
  });

  test('a statefulset of two billion members is linted without listing them', () => {
    // GIVEN the 526-byte manifest that once exhausted the heap
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.replicas = 2147483647;
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    expect(findings).toEqual([]);
  });
});

describe('the library API throws only LintInputError', () => {
  function circular(): any {
    const sts: any = { kind: 'StatefulSet', metadata: { name: 'web' }, spec: { serviceName: 'web' } };
    sts.spec.template = { metadata: { owner: sts } };
    return sts;
  }

  test.each([
    ['a manifests argument that is not a list', () => ManifestLinter.lint('kind: Service' as any), "'manifests' must be a list of kubernetes objects, got 'kind: Service'"],
    ['yaml text that is not a string', () => ManifestLinter.lintYaml(7 as any), "'text' must be yaml text, got 7"],
    ['containers written as a map', () => ManifestLinter.lint([{ kind: 'StatefulSet', metadata: { name: 'web' }, spec: { template: { spec: { containers: { web: {} } } } } }]),
      "manifests: document 1 (StatefulSet web): 'spec.template.spec.containers' must be a list, got a mapping"],
    ['a circular object in lint', () => ManifestLinter.lint([circular()]), "manifests: document 1: 'spec.template.metadata.owner' refers back to the value that contains it (a cycle)"],
    ['a circular object in compare', () => ManifestLinter.compare([circular()], [circular()]), "previous: document 1: 'spec.template.metadata.owner' refers back"],
    ['a class instance', () => ManifestLinter.lint([{ kind: 'ConfigMap', metadata: { name: 'c' }, data: new Map() }]), "manifests: document 1: 'data' is a Map, which is not json data"],
    ['a function', () => ManifestLinter.lint([{ kind: 'ConfigMap', metadata: { name: 'c' }, data: { f: () => 1 } }]), "manifests: document 1: 'data.f' is a function, which is not json data"],
    ['an empty default namespace', () => ManifestLinter.lint([], { defaultNamespace: '' }), "'defaultNamespace' must be a non-empty string, got \"\""],
    ['invalid yaml in compareYaml', () => ManifestLinter.compareYaml('kind: [', ''), 'previous: invalid yaml: document 1:'],
    ['an unknown rule for an acceptance annotation', () => ManifestLinter.acceptanceAnnotation('secret-mising'), "'rule' must be a rule id listed in the README, got \"secret-mising\" (did you mean 'secret-missing'?)"],
  ])('fails with a LintInputError for %s', (_, call, message) => {
    let thrown: unknown;
    try {
      call();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(LintInputError);
    expect((thrown as Error).name).toBe('LintInputError');
    expect((thrown as Error).message).toContain(message);
  });

  test('acceptanceAnnotation gives the annotation key of a rule', () => {
    expect(ManifestLinter.acceptanceAnnotation('secret-missing')).toBe('accept.stateful-topology.cdk8s.io/secret-missing');
  });
});

describe('upgrading an app to claim templates as the API server stores them', () => {
  test('the new output of examples/etcd against its output before is no forbidden change', () => {
    // GIVEN the etcd example as synthesized before claim templates carried apiVersion, kind and volumeMode
    const before = fs.readFileSync(path.join(__dirname, 'fixtures', 'etcd-before-claim-defaults.k8s.yaml'), 'utf-8');
    const after = new EtcdChart(Testing.app(), 'etcd').toJson();
    const afterYaml = after.map(o => JSON.stringify(o)).join('\n---\n');
    expect(before).not.toContain('kind: PersistentVolumeClaim');
    expect(afterYaml).toContain('"kind":"PersistentVolumeClaim"');
    // WHEN the two are compared as --previous does
    const findings = ManifestLinter.compareYaml(before, afterYaml);
    // THEN nothing is reported
    expect(findings).toEqual([]);
  });

  test('a real change of a claim template is still reported', () => {
    const before = fs.readFileSync(path.join(__dirname, 'fixtures', 'etcd-before-claim-defaults.k8s.yaml'), 'utf-8');
    const changed = before.replace('storage: 1Gi', 'storage: 2Gi');
    expect(ManifestLinter.compareYaml(before, changed).map(f => f.rule)).toEqual(['immutable-field-changed']);
  });
});
