import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, fixture } from '../../util';

const STS = 'StatefulSet/data/db';

function statefulSet(objects: any[]): any {
  return byKindAndName(objects, 'StatefulSet', 'db');
}

function dbContainer(objects: any[]): any {
  return statefulSet(objects).spec.template.spec.containers[0];
}

describe('references', () => {
  test('reports a configmap volume whose configmap is not in the manifests', () => {
    // GIVEN
    const objects = fixture('good.yaml').filter(o => o.kind !== 'ConfigMap');
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'configmap-missing', STS);
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain("volume 'config' references configmap 'db-config', which is not in the manifests for namespace 'data'");
  });

  test('reports secretKeyRef and envFrom secrets that are not in the manifests, once per secret', () => {
    const objects = fixture('good.yaml');
    const container = dbContainer(objects);
    container.env.push({ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db-auth', key: 'password' } } });
    container.envFrom = [{ secretRef: { name: 'db-auth' } }, { configMapRef: { name: 'db-env' } }];
    const findings = ManifestLinter.lint(objects);
    expect(findingOf(findings, 'secret-missing', STS).message).toContain("container 'db' env PASSWORD references secret 'db-auth'");
    expect(findingOf(findings, 'configmap-missing', STS).message).toContain("container 'db' envFrom references configmap 'db-env'");
  });

  test('an optional configMapKeyRef is not reported', () => {
    const objects = fixture('good.yaml');
    dbContainer(objects).env.push({ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'db-mode', key: 'mode', optional: true } } });
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });

  test('reports a volume mount naming no volume or claim template', () => {
    const objects = fixture('good.yaml');
    dbContainer(objects).volumeMounts.push({ name: 'logs', mountPath: '/var/log/db', subPath: 'db' });
    const f = findingOf(ManifestLinter.lint(objects), 'volume-mount-unknown', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("volumeMounts 'logs' (/var/log/db) names no entry of spec.template.spec.volumes or spec.volumeClaimTemplates; known volumes: 'config', 'data'");
  });
});
