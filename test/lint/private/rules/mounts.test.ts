import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, findingsOf, fixture } from '../../util';

const STS = 'StatefulSet/data/db';

function dbContainer(objects: any[]): any {
  return byKindAndName(objects, 'StatefulSet', 'db').spec.template.spec.containers[0];
}

describe('mount paths', () => {
  test('reports a mount path repeated exactly, which the api server rejects', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    dbContainer(objects).volumeMounts.push({ name: 'config', mountPath: '/var/lib/db' });
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'mount-path-repeated', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toBe("container 'db' mounts 'config' at '/var/lib/db', where it already mounts 'data'; the api server rejects a repeated mountPath");
  });

  test('reports a mount path repeated in another spelling, where one volume hides the other', () => {
    const objects = fixture('good.yaml');
    dbContainer(objects).volumeMounts.push({ name: 'config', mountPath: '/var//lib/db/' });
    expect(findingOf(ManifestLinter.lint(objects), 'mount-path-repeated', STS).message)
      .toBe("container 'db' mounts 'config' at '/var//lib/db/', where it already mounts 'data' ('/var/lib/db'); the same directory, so one volume hides the other");
  });

  test('reports a mount path repeated with a dot and a dot-dot segment, the same directory', () => {
    const objects = fixture('good.yaml');
    dbContainer(objects).volumeMounts.push({ name: 'config', mountPath: '/var/./lib/x/../db' });
    expect(findingOf(ManifestLinter.lint(objects), 'mount-path-repeated', STS).message)
      .toBe("container 'db' mounts 'config' at '/var/./lib/x/../db', where it already mounts 'data' ('/var/lib/db'); the same directory, so one volume hides the other");
  });

  test.each([
    ['/etc/db', '/etc/db/db-0'],
    ['/etc/db/', '/etc//db/db-0'],
  ])('reports a mount inside a configmap mount that hides one of its keys: config at %s, a claim at %s', (configPath, claimPath) => {
    // GIVEN the configmap mounted whole, and a claim mounted over its key 'db-0'
    const objects = fixture('good.yaml');
    const mounts = dbContainer(objects).volumeMounts;
    const config = mounts.find((m: { name: string }) => m.name === 'config');
    delete config.subPathExpr;
    config.mountPath = configPath;
    mounts.push({ name: 'data', mountPath: claimPath, subPath: 'x' });
    // WHEN
    const f = findingOf(ManifestLinter.lint(objects), 'mount-path-hidden', STS);
    // THEN
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toBe(`container 'db' mounts 'data' at '${claimPath}', inside its mount of 'config' at '${configPath}', so it hides 'db-0/node.conf' of 'config'`);
  });

  test("reports a mount over a file of the library's member config directory", () => {
    const objects = fixture('topology.yaml');
    const kv = byKindAndName(objects, 'StatefulSet', 'kv').spec.template.spec.containers[0];
    kv.volumeMounts.push({ name: 'data', mountPath: '/etc/kv/role', subPath: 'role' });
    expect(findingOf(ManifestLinter.lint(objects), 'mount-path-hidden', 'StatefulSet/prod/kv').message)
      .toBe("container 'kv' mounts 'data' at '/etc/kv/role', inside its mount of 'member-config' at '/etc/kv', so it hides 'role' of 'member-config'");
  });

  test('a mount inside a volume of unknown content, or beside a file, is fine', () => {
    // the topology fixture mounts the member's myid over the claim at /data
    expect(findingsOf(ManifestLinter.lint(fixture('topology.yaml')), 'mount-path-hidden', 'StatefulSet/prod/kv')).toEqual([]);
  });
});
