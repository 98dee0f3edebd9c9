import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { captureIo, fixturePath } from './util';
import { main } from '../../src/lint/cli';
import * as engine from '../../src/lint/private/engine';

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
    expect(out.stdout()).toBe('no problems found in 10 objects\n');
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
    [['lint', '--strict', 'a.yaml'], "unknown option '--strict' for 'lint'; allowed: --format, --fail-on, --previous"],
    [['explain', '--previous', 'a.yaml', 'b.yaml'], "unknown option '--previous' for 'explain'"],
    [['lint', '--format', 'markdown', 'a.yaml'], "'--format' must be one of text, json, sarif for 'lint', got 'markdown'"],
    [['lint', '--format=', 'a.yaml'], "option '--format' needs a value"],
    [['lint', '--fail-on', 'info', 'a.yaml'], "'--fail-on' must be one of error, warning, got 'info'"],
    [['plan', 'a.yaml'], "'plan' needs --previous OLD"],
    [['plan', '--format', 'sarif', '--previous', 'a.yaml', 'b.yaml'], "'--format' must be one of text, markdown for 'plan', got 'sarif'"],
    [['lint', '--format'], "option '--format' needs a value"],
    [['lint'], "'lint' needs at least one FILE"],
    [['check', 'a.yaml'], "unknown command 'check'; use 'lint', 'explain' or 'plan'"],
    [['constructor', 'a.yaml'], "unknown command 'constructor'"],
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

describe('malformed input gives exit code 2 and names the file, the document and the field', () => {
  const STS = (spec: string) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: web }\nspec: ${spec}\n`;
  /** Thirty levels of aliases, each doubling the one before: a billion values once expanded. */
  const ALIAS_BOMB = ['a0: &a0 [x, x]', ...Array.from({ length: 30 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`), 'kind: ConfigMap', 'metadata: { name: bomb }'].join('\n');

  test.each([
    ['an alias bomb', ALIAS_BOMB, ': document 1: has more than 1000000 values once shared parts (yaml aliases) are expanded'],
    ['an alias to another document', 'kind: ConfigMap\nmetadata: { name: &n a }\n---\nkind: ConfigMap\nmetadata: { name: *n }\n', ': invalid yaml: document 2: unidentified alias "n" (line 5, column 20)'],
    ['a List whose items is not a list', 'apiVersion: v1\nkind: List\nitems: web\n', ": document 1 (List): 'items' must be a list, got 'web'"],
    ['containers written as a map', STS('{ template: { spec: { containers: { web: { image: nginx } } } } }'),
      ": document 1 (StatefulSet web): 'spec.template.spec.containers' must be a list, got a mapping"],
    ['a matchExpressions values that is a scalar', STS('{ selector: { matchExpressions: [ { key: app, operator: In, values: web } ] } }'),
      ": document 1 (StatefulSet web): 'spec.selector.matchExpressions[0].values' must be a list, got 'web'"],
    ['an object without metadata', 'apiVersion: v1\nkind: Service\nspec: {}\n', ": document 1 (Service): 'metadata.name' must be a non-empty string, got nothing"],
    ['a kind that is not a string', 'kind: 7\nmetadata: { name: x }\n', ": document 1: not a kubernetes object: 'kind' must be a string, got 7"],
    ['replicas that is not an int32', STS('{ replicas: 2147483648 }'), ": document 1 (StatefulSet web): 'spec.replicas' must be an integer from 0 to 2147483647, got 2147483648"],
    ['a cycle', 'kind: ConfigMap\nmetadata: &m { name: x, self: *m }\n', ": document 1: 'metadata.self' refers back to the value that contains it (a cycle)"],
    ['a deep nesting', `${'['.repeat(1000)}${']'.repeat(1000)}\n`, ': invalid yaml: document 1: nesting exceeded maxDepth (512)'],
  ])('%s', (_, yaml, message) => {
    // GIVEN
    const file = write('bad.yaml', yaml);
    const out = captureIo();
    // WHEN
    const code = main(['lint', file], out.io);
    // THEN
    expect(code).toBe(2);
    expect(out.stderr()).toContain(`cdk8s-stateful: ${file}${message}`);
    expect(out.stderr()).not.toContain('    at ');
    expect(out.stdout()).toBe('');
  });

  test('reports every problem of every file at once', () => {
    const first = write('a.yaml', 'kind: Service\nmetadata: { name: a }\nspec: { ports: { a: 1 } }\n---\nkind: Service\nmetadata: {}\n');
    const second = write('b.yaml', 'kind: ConfigMap\nmetadata: { name: b }\ndata: { n: 1 }\n');
    const out = captureIo();
    expect(main(['explain', first, second], out.io)).toBe(2);
    expect(out.stderr()).toBe([
      'cdk8s-stateful: 3 problems in the input:',
      `- ${first}: document 1 (Service a): 'spec.ports' must be a list, got a mapping`,
      `- ${first}: document 2 (Service): 'metadata.name' must be a non-empty string, got nothing`,
      `- ${second}: document 1 (ConfigMap b): 'data.n' must be a string, got 1`,
      '',
    ].join('\n'));
  });

  test('a failure inside the linter is an internal error with exit code 2, not a stack trace', () => {
    // GIVEN a rule that fails
    const spy = jest.spyOn(engine, 'lintObjects').mockImplementation(() => {
      throw new TypeError('boom');
    });
    const out = captureIo();
    // WHEN
    const code = main(['lint', fixturePath('good.yaml')], out.io);
    spy.mockRestore();
    // THEN
    expect(code).toBe(2);
    expect(out.stderr()).toBe('cdk8s-stateful: internal error: boom (please report it, with the input)\n');
  });
});

describe('failing a run', () => {
  test('--fail-on warning exits 1 on warnings', () => {
    const out = captureIo();
    expect(main(['lint', '--fail-on', 'warning', write('warn.yaml', UNNAMED_PORT)], out.io)).toBe(1);
    expect(out.stdout()).toContain('0 errors, 1 warning\n');
  });

  test('--fail-on error, the default, exits 0 on warnings', () => {
    const out = captureIo();
    expect(main(['lint', '--fail-on=error', write('warn.yaml', UNNAMED_PORT)], out.io)).toBe(0);
  });

  test('a selector that selects nothing fails the run', () => {
    const objects = fs.readFileSync(fixturePath('good.yaml'), 'utf-8').replace('matchLabels:\n      app: db\n---', 'matchLabels:\n      app: dv\n---');
    const out = captureIo();
    expect(main(['lint', write('pdb.yaml', objects)], out.io)).toBe(1);
    expect(out.stdout()).toContain("error   pdb-selects-nothing  PodDisruptionBudget/data/db: spec.selector 'app=dv' selects no pod template");
  });

  test('an accepted finding is listed with its reason and fails nothing', () => {
    // GIVEN an error, accepted on the object
    const accepted = MISSING_SERVICE.replace('metadata: { name: web }',
      "metadata: { name: web, annotations: { 'accept.stateful-topology.cdk8s.io/governing-service-missing': 'the service comes from another repository' } }");
    const out = captureIo();
    // WHEN
    const code = main(['lint', '--fail-on', 'warning', write('accepted.yaml', accepted)], out.io);
    // THEN
    expect(code).toBe(0);
    expect(out.stdout()).toContain("accepted governing-service-missing  StatefulSet/default/web: spec.serviceName 'web' names no service");
    expect(out.stdout()).toContain('(accepted: the service comes from another repository)\n');
    expect(out.stdout()).toContain('0 errors, 0 warnings, 1 accepted\n');
  });
});

describe('sarif', () => {
  test('prints a SARIF 2.1.0 log with the rules, the file and line of each finding, and accepted findings as suppressions', () => {
    // GIVEN a clean service, then a statefulset missing its service (an error), then one accepting that
    const yaml = [
      'kind: Service\nmetadata: { name: db }\nspec: { clusterIP: None, selector: { app: db } }',
      MISSING_SERVICE.trim(),
      MISSING_SERVICE.trim().replace('name: web }', "name: api, annotations: { 'accept.stateful-topology.cdk8s.io/governing-service-missing': 'elsewhere' } }"),
    ].join('\n---\n');
    const file = write('app.yaml', yaml);
    const out = captureIo();
    // WHEN
    const code = main(['lint', '--format', 'sarif', file], out.io);
    // THEN
    expect(code).toBe(1);
    const log = JSON.parse(out.stdout());
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('cdk8s-stateful');
    const rule = run.tool.driver.rules.find((r: any) => r.id === 'governing-service-missing');
    expect(rule).toEqual({
      id: 'governing-service-missing',
      shortDescription: { text: 'governing service not in the manifests' },
      help: { text: expect.stringContaining('add a headless service') },
      defaultConfiguration: { level: 'error' },
    });
    const results = run.results.filter((r: any) => r.ruleId === 'governing-service-missing');
    expect(results.map((r: any) => ({
      level: r.level,
      rule: run.tool.driver.rules[r.ruleIndex].id,
      uri: r.locations[0].physicalLocation.artifactLocation.uri,
      line: r.locations[0].physicalLocation.region.startLine,
      object: r.locations[0].logicalLocations[0].fullyQualifiedName,
      suppressions: r.suppressions,
    }))).toEqual([
      { level: 'error', rule: 'governing-service-missing', uri: `file://${file}`, line: 5, object: 'StatefulSet/default/web', suppressions: undefined },
      { level: 'error', rule: 'governing-service-missing', uri: `file://${file}`, line: 10, object: 'StatefulSet/default/api', suppressions: [{ kind: 'inSource', justification: 'elsewhere' }] },
    ]);
  });
});

describe('plan', () => {
  test('says which members restart when the template changes', () => {
    const previous = fixturePath('good.yaml');
    const next = write('next.yaml', fs.readFileSync(previous, 'utf-8').replace('registry.example/db:1.0', 'registry.example/db:1.1'));
    const out = captureIo();
    expect(main(['plan', '--previous', previous, next], out.io)).toBe(0);
    expect(out.stdout()).toContain('statefulset data/db: changed\n');
    expect(out.stdout()).toContain('restarts 3 members one at a time, highest ordinal first, each after the one before is Ready: db-2, then db-1, then db-0; '
      + 'because of container db image registry.example/db:1.0 -> registry.example/db:1.1');
  });

  test('prints markdown with --format markdown', () => {
    const out = captureIo();
    expect(main(['plan', '--format', 'markdown', '--previous', fixturePath('good.yaml'), fixturePath('good.yaml')], out.io)).toBe(0);
    expect(out.stdout()).toBe('unchanged: `data`/`db`\n');
  });
});
