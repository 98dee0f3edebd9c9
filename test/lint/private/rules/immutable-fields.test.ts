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

  test('ignores statefulsets that are new or renamed (a rename is another rule\'s finding)', () => {
    const previous = fixture('good.yaml');
    const next = fixture('good.yaml');
    byKindAndName(next, 'StatefulSet', 'db').metadata.name = 'db2';
    byKindAndName(next, 'StatefulSet', 'db2').spec.podManagementPolicy = 'Parallel';
    expect(ManifestLinter.compare(previous, next).filter(f => f.rule === 'immutable-field-changed')).toEqual([]);
  });

  test('compares yaml text', () => {
    const before = 'kind: StatefulSet\nmetadata: { name: web }\nspec: { serviceName: web }\n';
    const after = 'kind: StatefulSet\nmetadata: { name: web }\nspec: { serviceName: www }\n';
    const f = findingOf(ManifestLinter.compareYaml(before, after), 'immutable-field-changed', 'StatefulSet/default/web');
    expect(f.message).toContain('spec.serviceName changed from "web" to "www"');
    expect(f.message).toContain("'kubectl delete statefulset web --cascade=orphan'");
  });
});

describe('fields the api server fills in a claim template', () => {
  /** The claim template in the old form (no apiVersion, kind, volumeMode) and as the library writes it now. */
  const OLD_FORM = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
  const NEW_FORM = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } },
  };

  function withTemplate(template: any): any[] {
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'StatefulSet', 'db').spec.volumeClaimTemplates = [template];
    return objects;
  }

  test('a claim template in the old form and the same in the new form are unchanged, both ways', () => {
    expect(ManifestLinter.compare(withTemplate(OLD_FORM), withTemplate(NEW_FORM))).toEqual([]);
    expect(ManifestLinter.compare(withTemplate(NEW_FORM), withTemplate(OLD_FORM))).toEqual([]);
  });

  test('the status and the creation timestamp the api server shows are unchanged too', () => {
    const stored = { ...NEW_FORM, metadata: { name: 'data', creationTimestamp: null }, status: { phase: 'Pending' } };
    expect(ManifestLinter.compare(withTemplate(stored), withTemplate(OLD_FORM))).toEqual([]);
  });

  test('dataSource and dataSourceRef, which the api server copies into each other, are unchanged', () => {
    const source = { kind: 'VolumeSnapshot', name: 'snap', apiGroup: 'snapshot.storage.k8s.io' };
    const withSource = { ...OLD_FORM, spec: { ...OLD_FORM.spec, dataSource: source } };
    const withBoth = { ...NEW_FORM, spec: { ...NEW_FORM.spec, dataSource: source, dataSourceRef: source } };
    expect(ManifestLinter.compare(withTemplate(withSource), withTemplate(withBoth))).toEqual([]);
  });

  test('Block instead of the default Filesystem is a change', () => {
    const block = { ...NEW_FORM, spec: { ...NEW_FORM.spec, volumeMode: 'Block' } };
    expect(findingOf(ManifestLinter.compare(withTemplate(OLD_FORM), withTemplate(block)), 'immutable-field-changed', STS).message)
      .toContain('spec.volumeClaimTemplates changed from');
  });
});
