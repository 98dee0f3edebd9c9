import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, findingsOf, fixture } from '../../util';

const STS = 'StatefulSet/data/db';

function statefulSet(objects: any[]): any {
  return byKindAndName(objects, 'StatefulSet', 'db');
}

describe('selectors', () => {
  test('reports a statefulset whose spec.selector does not match its own template labels', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.selector = { matchLabels: { app: 'db', tier: 'data' } };
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'statefulset-selector-mismatch', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("spec.selector 'app=db,tier=data' does not match spec.template.metadata.labels 'app=db'");
  });

  test('reports a statefulset without spec.selector', () => {
    const objects = fixture('good.yaml');
    delete statefulSet(objects).spec.selector;
    const f = findingOf(ManifestLinter.lint(objects), 'statefulset-selector-mismatch', STS);
    expect(f.message).toContain("spec.selector '<none>' does not match");
  });

  test('reports a selector matchExpression with NotIn that excludes the template labels', () => {
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.selector = { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] };
    const findings = ManifestLinter.lint(objects);
    expect(findingOf(findings, 'statefulset-selector-mismatch', STS).message).toContain("'app notin (db)'");
  });

  test('reports a service that selects no pods', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-read', namespace: 'data' }, spec: { selector: { app: 'dv' }, ports: [{ name: 'client', port: 5432 }] } });
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'service-selects-nothing', 'Service/data/db-read');
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("spec.selector 'app=dv' selects no pod template in namespace 'data'");
  });

  test('a per-pod service selecting statefulset.kubernetes.io/pod-name of a member selects that member', () => {
    const objects = fixture('good.yaml');
    objects.push({ kind: 'Service', metadata: { name: 'db-primary', namespace: 'data' }, spec: { selector: { 'app': 'db', 'statefulset.kubernetes.io/pod-name': 'db-0' } } });
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });

  test('reports a per-pod service naming an ordinal beyond the replicas', () => {
    const objects = fixture('good.yaml');
    objects.push({ kind: 'Service', metadata: { name: 'db-extra', namespace: 'data' }, spec: { selector: { 'statefulset.kubernetes.io/pod-name': 'db-3' } } });
    const findings = ManifestLinter.lint(objects);
    expect(findingOf(findings, 'service-selects-nothing', 'Service/data/db-extra').severity).toBe(Severity.ERROR);
  });

  test('a service selecting the pods of a deployment is not reported', () => {
    const objects = fixture('good.yaml');
    objects.push(
      { kind: 'Deployment', metadata: { name: 'api', namespace: 'data' }, spec: { template: { metadata: { labels: { app: 'api' } } } } },
      { kind: 'Service', metadata: { name: 'api', namespace: 'data' }, spec: { selector: { app: 'api' } } },
    );
    expect(findingsOf(ManifestLinter.lint(objects), 'service-selects-nothing', 'Service/data/api')).toEqual([]);
  });

  test('reports a pod disruption budget that selects no pods', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'PodDisruptionBudget', 'db').spec.selector = { matchLabels: { app: 'db', role: 'primary' } };
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'pdb-selects-nothing', 'PodDisruptionBudget/data/db');
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("spec.selector 'app=db,role=primary' selects no pod template in namespace 'data', so it protects nothing");
  });

  test('reports a required anti-affinity term that does not select its own pods', () => {
    // GIVEN the labelSelector expects a label value the pods do not carry
    const objects = fixture('good.yaml');
    const term = statefulSet(objects).spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    term.labelSelector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['zk'] }] };
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'anti-affinity-selects-nothing', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector 'app in (zk)' does not select");
  });

  test('reports a preferred anti-affinity term that does not select its own pods', () => {
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.template.spec.affinity.podAntiAffinity = {
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight: 100,
        podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] } },
      }],
    };
    const findings = ManifestLinter.lint(objects);
    expect(findingOf(findings, 'anti-affinity-selects-nothing', STS).message)
      .toContain("preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector '!app'");
  });

  test('an anti-affinity term using Exists on its own label is accepted', () => {
    const objects = fixture('good.yaml');
    const term = statefulSet(objects).spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    term.labelSelector = { matchExpressions: [{ key: 'app', operator: 'Exists' }] };
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });
});
