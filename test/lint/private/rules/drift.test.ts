import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, findingsOf, fixture } from '../../util';

describe('gitops drift', () => {
  test('reports a claim template without apiVersion and kind, with the Argo CD consequence', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    const template = byKindAndName(objects, 'StatefulSet', 'db').spec.volumeClaimTemplates[0];
    delete template.apiVersion;
    delete template.kind;
    // WHEN
    const f = findingOf(ManifestLinter.lint(objects), 'gitops-drift', 'StatefulSet/data/db');
    // THEN
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toBe("spec.volumeClaimTemplates[0] ('data') has no apiVersion and kind; the api server stores apiVersion: v1 and kind: PersistentVolumeClaim "
      + '(and spec.volumeMode: Filesystem), so Argo CD and other GitOps tools that compare the YAML with the live object show it OutOfSync forever '
      + '(Argo CD issues 4126, 11143, 16707); write them out');
  });

  test('a claim template with apiVersion and kind is fine', () => {
    expect(findingsOf(ManifestLinter.lint(fixture('good.yaml')), 'gitops-drift', 'StatefulSet/data/db')).toEqual([]);
  });

  test('reports the empty lists and maps of an object that the api server drops', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    const service = byKindAndName(objects, 'Service', 'db');
    service.spec.externalIPs = [];
    service.metadata.annotations = {};
    byKindAndName(objects, 'StatefulSet', 'db').spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]
      .labelSelector.matchExpressions.push({ key: 'tier', operator: 'DoesNotExist', values: [] });
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    expect(findingOf(findings, 'gitops-drift', 'Service/data/db').message).toBe('metadata.annotations: {}, spec.externalIPs: []: the api server drops empty lists and maps, '
      + 'so Argo CD and other GitOps tools that compare the YAML with the live object show it OutOfSync forever; leave these fields out');
    expect(findingOf(findings, 'gitops-drift', 'StatefulSet/data/db').message)
      .toContain('spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[1].values: []');
  });

  test('empties the api server keeps are fine: an emptyDir, a podSelector that selects every pod, a resources struct', () => {
    const objects = fixture('good.yaml');
    const podSpec = byKindAndName(objects, 'StatefulSet', 'db').spec.template.spec;
    podSpec.volumes.push({ name: 'tmp', emptyDir: {} });
    podSpec.containers[0].resources = {};
    podSpec.containers[0].securityContext = {};
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'all', namespace: 'data' },
      spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] },
    });
    const findings = ManifestLinter.lint(objects);
    expect(findings.filter(f => f.rule === 'gitops-drift')).toEqual([]);
  });

  test('custom resources keep what they are given and are not checked', () => {
    const objects = [{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: {} }, spec: { parts: [] } }];
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });

  test('the rules of a role are kept when empty', () => {
    const objects = [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'none' }, rules: [] }];
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });
});
