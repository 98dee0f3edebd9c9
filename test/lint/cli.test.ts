import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { captureIo, fixturePath } from './util';
import { main } from '../../src/lint/cli';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-cli-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const MISSING_SERVICE = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: web }\nspec: { serviceName: web, podManagementPolicy: Parallel, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } } } }\n';
const UNNAMED_PORT = [
  'kind: Service\nmetadata: { name: web }\nspec: { clusterIP: None }',
  'kind: StatefulSet\nmetadata: { name: web }\nspec:\n  serviceName: web\n  podManagementPolicy: Parallel\n'
  + '  selector: { matchLabels: { app: web } }\n'
  + '  template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: web, ports: [ { containerPort: 80 } ] } ] } }',
].join('\n---\n');

describe('lint', () => {
  test('exits 0 and says so for clean manifests', () => {
    // GIVEN
    const out = captureIo();
    // WHEN
    const code = main(['lint', fixturePath('good.yaml'), fixturePath('mysql.yaml')], out.io);
    // THEN
    expect(code).toBe(0);
    expect(out.stdout()).toBe('no problems found in 9 objects\n');
  });

  test('exits 0 with only warnings', () => {
    const out = captureIo();
    const code = main(['lint', write('warn.yaml', UNNAMED_PORT)], out.io);
    expect(code).toBe(0);
    expect(out.stdout()).toContain('warning container-port-unnamed  StatefulSet/default/web:');
    expect(out.stdout()).toContain('0 errors, 1 warning\n');
  });

  test('reports errors and exits 1', () => {
    const out = captureIo();
    const code = main(['lint', write('bad.yaml', MISSING_SERVICE)], out.io);
    expect(code).toBe(1);
    expect(out.stdout()).toContain("error   governing-service-missing  StatefulSet/default/web: spec.serviceName 'web' names no service");
    expect(out.stdout()).toContain('1 error, 0 warnings\n');
  });

  test('prints parsable json findings with --format json', () => {
    // GIVEN
    const out = captureIo();
    // WHEN
    const code = main(['lint', '--format', 'json', write('bad.yaml', MISSING_SERVICE)], out.io);
    // THEN
    expect(code).toBe(1);
    const findings = JSON.parse(out.stdout());
    expect(findings).toEqual([{
      severity: 'error',
      rule: 'governing-service-missing',
      object: 'StatefulSet/default/web',
      message: expect.stringContaining("spec.serviceName 'web'"),
    }]);
  });

  test('accepts --format=json and prints an empty array for clean manifests', () => {
    const out = captureIo();
    expect(main(['lint', '--format=json', fixturePath('good.yaml')], out.io)).toBe(0);
    expect(JSON.parse(out.stdout())).toEqual([]);
  });

  test('reads several files as one bundle in order', () => {
    const out = captureIo();
    const sts = write('sts.yaml', MISSING_SERVICE);
    const svc = write('svc.yaml', 'kind: Service\nmetadata: { name: web }\nspec: { clusterIP: None }\n');
    expect(main(['lint', sts, svc], out.io)).toBe(0);
    expect(out.stdout()).toContain('warning dependency-after-statefulset  StatefulSet/default/web: Service/default/web comes after');
  });

  test('reports an immutable field change with --previous and exits 1', () => {
    // GIVEN
    const out = captureIo();
    const previous = fixturePath('good.yaml');
    const next = write('next.yaml', fs.readFileSync(previous, 'utf-8').replace('podManagementPolicy: OrderedReady', 'podManagementPolicy: Parallel'));
    // WHEN
    const code = main(['lint', '--format', 'json', '--previous', previous, next], out.io);
    // THEN
    expect(code).toBe(1);
    const changed = JSON.parse(out.stdout()).filter((f: any) => f.rule === 'immutable-field-changed' && f.object === 'StatefulSet/data/db');
    expect(changed).toHaveLength(1);
    expect(changed[0].message).toContain('spec.podManagementPolicy changed from "OrderedReady" to "Parallel"');
    expect(changed[0].message).toContain('--cascade=orphan');
  });

  test('stays quiet with --previous when nothing immutable changed', () => {
    const out = captureIo();
    const previous = fixturePath('good.yaml');
    const next = write('next.yaml', fs.readFileSync(previous, 'utf-8').replace('replicas: 3', 'replicas: 5'));
    expect(main(['lint', '--previous', previous, next], out.io)).toBe(0);
    expect(out.stdout()).toBe('no problems found in 4 objects\n');
  });
});

describe('explain', () => {
  test('lists pod names and fully qualified dns names', () => {
    const out = captureIo();
    expect(main(['explain', fixturePath('good.yaml')], out.io)).toBe(0);
    expect(out.stdout()).toContain('db-0  db-0.db.data.svc.cluster.local');
    expect(out.stdout()).toContain('db-2  db-2.db.data.svc.cluster.local');
  });

  test('uses --cluster-domain', () => {
    const out = captureIo();
    expect(main(['explain', '--cluster-domain', 'example.org', fixturePath('good.yaml')], out.io)).toBe(0);
    expect(out.stdout()).toContain('db-0.db.data.svc.example.org');
  });

  test('prints markdown with a mermaid flowchart', () => {
    const out = captureIo();
    expect(main(['explain', '--format', 'markdown', fixturePath('mysql.yaml')], out.io)).toBe(0);
    expect(out.stdout()).toContain('```mermaid\nflowchart LR\n');
    expect(out.stdout()).toContain('svc_default_mysql_primary --> pod_default_mysql_0');
  });
});

describe('usage and input errors', () => {
  test.each([
    [['lint', '--strict', 'a.yaml'], "unknown option '--strict' for 'lint'; allowed: --format, --previous"],
    [['explain', '--previous', 'a.yaml', 'b.yaml'], "unknown option '--previous' for 'explain'"],
    [['lint', '--format', 'markdown', 'a.yaml'], "'--format' must be one of text, json for 'lint', got 'markdown'"],
    [['lint', '--format'], "option '--format' needs a value"],
    [['lint'], "'lint' needs at least one FILE"],
    [['check', 'a.yaml'], "unknown command 'check'; use 'lint' or 'explain'"],
  ])('fails with exit code 2 for %j', (argv, message) => {
    const out = captureIo();
    expect(main(argv, out.io)).toBe(2);
    expect(out.stderr()).toContain(`cdk8s-stateful: ${message}`);
    expect(out.stdout()).toBe('');
  });

  test('fails with exit code 2 and the usage when there are no arguments', () => {
    const out = captureIo();
    expect(main([], out.io)).toBe(2);
    expect(out.stderr()).toContain('usage:\n  cdk8s-stateful lint');
  });

  test('prints the usage with --help and exits 0', () => {
    const out = captureIo();
    expect(main(['--help'], out.io)).toBe(0);
    expect(out.stdout()).toContain('cdk8s-stateful explain [--format text|markdown]');
  });

  test('fails with exit code 2 for an unreadable file', () => {
    const out = captureIo();
    const missing = path.join(dir, 'missing.yaml');
    expect(main(['lint', missing], out.io)).toBe(2);
    expect(out.stderr()).toBe(`cdk8s-stateful: cannot read '${missing}': ENOENT\n`);
  });

  test('fails with exit code 2 for invalid yaml', () => {
    const out = captureIo();
    const file = write('broken.yaml', 'kind: Service\nmetadata: {name: web\n');
    expect(main(['explain', file], out.io)).toBe(2);
    expect(out.stderr()).toContain(`cdk8s-stateful: ${file}: invalid yaml: document 1:`);
  });

  test('fails with exit code 2 for an unreadable --previous file', () => {
    const out = captureIo();
    expect(main(['lint', '--previous', path.join(dir, 'old.yaml'), fixturePath('good.yaml')], out.io)).toBe(2);
    expect(out.stderr()).toContain("old.yaml': ENOENT");
  });
});
