import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, fixture } from '../../util';

const STS = 'StatefulSet/data/db';

describe('comparing with the previous manifests', () => {
  test('stays quiet when only mutable fields change', () => {
    // GIVEN
    const previous = fixture('good.yaml');
    const next = fixture('good.yaml');
    const sts = byKindAndName(next, 'StatefulSet', 'db');
    sts.spec.replicas = 5;
    sts.spec.template.spec.containers[0].image = 'registry.example/db:2.0';
    // WHEN
    const findings = ManifestLinter.compare(previous, next);
    // THEN
    expect(findings).toEqual([]);
  });

  test('treats reordered keys in volumeClaimTemplates as unchanged', () => {
    const previous = fixture('good.yaml');
    const next = fixture('good.yaml');
    const template = byKindAndName(next, 'StatefulSet', 'db').spec.volumeClaimTemplates[0];
    byKindAndName(next, 'StatefulSet', 'db').spec.volumeClaimTemplates[0] = { spec: { resources: template.spec.resources, accessModes: template.spec.accessModes }, metadata: template.metadata };
    expect(ManifestLinter.compare(previous, next)).toEqual([]);
  });

  test('treats an unset podManagementPolicy as OrderedReady', () => {
    const previous = fixture('good.yaml');
    const next = fixture('good.yaml');
    delete byKindAndName(next, 'StatefulSet', 'db').spec.podManagementPolicy;
    expect(ManifestLinter.compare(previous, next)).toEqual([]);
  });

  test('reports a changed volumeClaimTemplates storage request', () => {
    // GIVEN
    const previous = fixture('good.yaml');
    const next = fixture('good.yaml');
    byKindAndName(next, 'StatefulSet', 'db').spec.volumeClaimTemplates[0].spec.resources.requests.storage = '10Gi';
    // WHEN
    const findings = ManifestLinter.compare(previous, next);
    // THEN
    const f = findingOf(findings, 'immutable-field-changed', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain('spec.volumeClaimTemplates changed from');
    expect(f.message).toContain("'kubectl delete statefulset db -n data --cascade=orphan' keeps the pods running, then apply");
  });

  test.each([
    ['spec.selector', (spec: any) => { spec.selector.matchLabels.tier = 'data'; }],
    ['spec.serviceName', (spec: any) => { spec.serviceName = 'db-headless'; }],
    ['spec.podManagementPolicy', (spec: any) => { spec.podManagementPolicy = 'Parallel'; }],
  ])('reports a changed %s', (field, change) => {
    const previous = fixture('good.yaml');
    const next = fixture('good.yaml');
    change(byKindAndName(next, 'StatefulSet', 'db').spec);
    const f = findingOf(ManifestLinter.compare(previous, next), 'immutable-field-changed', STS);
    expect(f.message).toMatch(new RegExp(`^${field.replace('.', '\\.')} changed from `));
  });

  test('ignores statefulsets that are new or renamed', () => {
    const previous = fixture('good.yaml');
    const next = fixture('good.yaml');
    byKindAndName(next, 'StatefulSet', 'db').metadata.name = 'db2';
    byKindAndName(next, 'StatefulSet', 'db2').spec.podManagementPolicy = 'Parallel';
    expect(ManifestLinter.compare(previous, next)).toEqual([]);
  });

  test('compares yaml text', () => {
    const before = 'kind: StatefulSet\nmetadata: { name: web }\nspec: { serviceName: web }\n';
    const after = 'kind: StatefulSet\nmetadata: { name: web }\nspec: { serviceName: www }\n';
    const f = findingOf(ManifestLinter.compareYaml(before, after), 'immutable-field-changed', 'StatefulSet/default/web');
    expect(f.message).toContain('spec.serviceName changed from "web" to "www"');
    expect(f.message).toContain("'kubectl delete statefulset web --cascade=orphan'");
  });
});
