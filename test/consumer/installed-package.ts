/**
 * The package the way an app repo consumes it: packs this repository (the compiled `lib/`),
 * installs the tarball into a fresh cdk8s TypeScript app in a temporary directory, type-checks
 * the app, synthesizes it with the real `cdk8s synth` and the validation plugin loaded from
 * `node_modules`, checks the YAML, lints it with `cdk8s-stateful lint`, and makes sure the
 * plugin fails a synth of a broken manifest. Exits non-zero on the first failure; the temporary
 * directory is removed in every case.
 *
 *   npx projen test:consumer
 *
 * The app is written file by file instead of with `cdk8s init typescript-app`: init ends by
 * running `cdk8s import k8s`, which downloads the Kubernetes schema from GitHub, and this app
 * needs only the npm registry.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { findObject, Manifest } from '../util';

const ROOT = path.join(__dirname, '..', '..');
const PACKAGE = 'cdk8s-stateful-topology';

/** The files of the app, as the README's "Use it in your app repo" section shows them. */
const APP_COMMAND = 'node --require ts-node/register/transpile-only main.ts';
const SYNTH_SCRIPT = 'cdk8s synth --no-check-upgrade';
const CDK8S_YAML = `language: typescript
app: ${APP_COMMAND}
imports:
  - k8s
validations:
  - package: ./node_modules/${PACKAGE}/lib/lint/validation-plugin.js
    version: 0.0.0
    class: StatefulTopologyValidation
    properties:
      failOn: warning
`;

const MAIN_TS = `import { App, Chart } from 'cdk8s';
import { OrderedStatefulApp, PodManagement } from '${PACKAGE}';

const app = new App();
const chart = new Chart(app, 'kv', { namespace: 'apps' });
const kv = new OrderedStatefulApp(chart, 'kv', {
  name: 'kv',
  replicas: 3,
  podManagement: PodManagement.ORDERED_READY,
  configMountPath: '/conf',
  container: {
    image: 'nginxinc/nginx-unprivileged:1.25.5',
    ports: [{ name: 'web', number: 8080 }],
  },
});
kv.addSharedFile('peers', kv.peerFqdns().join('\\n') + '\\n');
app.synth();
`;

/** A StatefulSet whose governing Service does not exist: the plugin must fail the synth. */
const BROKEN_TS = `import { ApiObject, App, Chart } from 'cdk8s';

const app = new App();
const chart = new Chart(app, 'broken');
new ApiObject(chart, 'orphan', {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'orphan' },
  spec: {
    serviceName: 'nowhere',
    replicas: 1,
    selector: { matchLabels: { app: 'orphan' } },
    template: {
      metadata: { labels: { app: 'orphan' } },
      spec: { containers: [{ name: 'main', image: 'busybox:1.36.1' }] },
    },
  },
});
app.synth();
`;

interface Result {
  readonly status: number | null;
  readonly stdout: string;
  /** stdout and stderr */
  readonly output: string;
}

/** A command line as a shell would take it, for messages. */
function commandLine(command: string, args: string[]): string {
  return [command, ...args.map(a => a.includes(' ') ? `'${a}'` : a)].join(' ');
}

/** Runs a command and returns its exit status and output. */
function run(cwd: string, command: string, args: string[]): Result {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    throw new Error(`'${commandLine(command, args)}' could not start: ${result.error.message}`);
  }
  console.log(`  ${commandLine(command, args)}: exit ${result.status}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

/** Runs a command that must succeed. */
function mustRun(cwd: string, command: string, args: string[]): Result {
  const result = run(cwd, command, args);
  check(result.status === 0, `'${commandLine(command, args)}' succeeds`, result.output);
  return result;
}

/** Fails with the message, and the command output it is about, unless the condition holds. */
function check(condition: boolean, message: string, output = ''): void {
  if (!condition) {
    throw new Error(`expected: ${message}${output ? `\n--- output:\n${output}` : ''}`);
  }
  console.log(`  ok: ${message}`);
}

/** The exact version of a package installed in this repository. */
function installedVersion(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf-8')).version;
}

function readManifests(file: string): Manifest[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf-8')).map(d => d.toJS()).filter(o => o);
}

function writeApp(dir: string, tarball: string): void {
  const exact = (names: string[]) => Object.fromEntries(names.map(n => [n, installedVersion(n)]));
  const packageJson = {
    name: 'consumer-app',
    version: '1.0.0',
    private: true,
    scripts: { synth: SYNTH_SCRIPT },
    dependencies: { [PACKAGE]: `file:${tarball}`, ...exact(['cdk8s', 'cdk8s-plus-27', 'constructs']) },
    devDependencies: exact(['cdk8s-cli', 'ts-node', 'typescript']),
  };
  // The tsconfig.json of `cdk8s init typescript-app`, plus the ts-node setting the README gives.
  const template = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json');
  const tsconfig = { ...JSON.parse(fs.readFileSync(template, 'utf-8')), 'ts-node': { preferTsExts: true } };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(packageJson, undefined, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, undefined, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), CDK8S_YAML);
  fs.writeFileSync(path.join(dir, 'main.ts'), MAIN_TS);
  fs.writeFileSync(path.join(dir, 'broken.ts'), BROKEN_TS);
}

function checkSynth(app: string): void {
  const synth = mustRun(app, 'npm', ['run', 'synth']).output;
  check(/Validation Report \(\S*node_modules\/cdk8s-stateful-topology\/lib\/lint\/validation-plugin\.js@0\.0\.0\)/.test(synth),
    'the validation plugin is loaded from the app\'s node_modules and reports', synth);
  check(/Status\s*│\s*success/.test(synth), 'the plugin\'s report says success', synth);
  check(!/cdk8s-cli is available|http error/.test(synth), 'no update-check message or stack trace in the output', synth);

  const manifests = readManifests(path.join(app, 'dist', 'kv.k8s.yaml'));
  const service = findObject(manifests, 'Service', 'kv-headless');
  const statefulSet = findObject(manifests, 'StatefulSet', 'kv');
  check(service.spec.clusterIP === 'None', 'the Service kv-headless is headless');
  check(statefulSet.spec.serviceName === 'kv-headless', 'the StatefulSet kv is governed by kv-headless');
  check(statefulSet.spec.replicas === 3, 'the StatefulSet kv has 3 replicas');
  check(statefulSet.metadata.namespace === 'apps', 'the StatefulSet kv is in the chart\'s namespace');
  const config = findObject(manifests, 'ConfigMap', 'kv-config');
  check(Object.values<string>(config.data).some(v => v.includes('kv-2.kv-headless.apps.svc.cluster.local')),
    'the per-member config carries the peer names');
}

function main(): void {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stateful-topology-consumer-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(1);
    });
  }
  try {
    console.log('pack the package');
    const packed = JSON.parse(mustRun(ROOT, 'npm', ['pack', '--json', '--pack-destination', tmp]).stdout);
    const tarball = path.join(tmp, packed[0].filename);

    console.log('a fresh cdk8s app with the tarball and the peer dependencies installed');
    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    writeApp(app, tarball);
    mustRun(app, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline']);

    console.log('type-check the app against the package\'s declarations');
    mustRun(app, 'npx', ['tsc', '--noEmit']);

    console.log('synthesize with cdk8s synth and the validation plugin');
    checkSynth(app);

    console.log('lint the output with the package\'s command line');
    const lint = mustRun(app, 'npx', ['cdk8s-stateful', 'lint', 'dist/kv.k8s.yaml']).output;
    check(lint.includes('no problems found'), 'cdk8s-stateful lint finds no problem', lint);

    console.log('the plugin fails a synth of a broken manifest');
    const broken = run(app, 'npx', ['cdk8s', 'synth', '--no-check-upgrade', '--app', APP_COMMAND.replace('main.ts', 'broken.ts'), '--output', 'broken']);
    check(broken.status !== 0, 'cdk8s synth of the broken app fails', broken.output);
    check(broken.output.includes('governing-service-missing'), 'the failure names the rule governing-service-missing', broken.output);
  } finally {
    cleanup();
  }
  console.log(`consumer test: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

try {
  main();
} catch (e) {
  console.error(`consumer test: FAILED\n${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
