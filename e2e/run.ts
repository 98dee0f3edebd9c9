import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExampleRun, imagesWithoutServer } from './example';
import { Bundle } from './manifest';
import { createNode, deleteNetns, listNetns, netnsPath, NODE_NETNS, PREFIX } from './network';
import { HARNESS_PACKAGES } from './packages';
import { stopAll } from './processes';

/**
 * `npm run e2e [example ...]`: runs every example's StatefulSets with real servers and
 * checks that their members form their cluster. Runs as root; see README.md.
 *
 * The command starts here, in the machine's network namespace: it removes what a crashed
 * run left, creates the test's node namespace and runs itself again inside it, where the
 * examples run; at the end, also on failure or a signal, it removes every namespace,
 * process and directory of the test.
 */
const INSIDE = 'STK_E2E_RUN_DIR';
const ROOT = path.resolve(__dirname, '..');
const LOCK = path.join(os.tmpdir(), `${PREFIX}.lock`);
/** The bound of the whole run, whatever happens inside, per example it runs (one takes about a minute). */
const RUN_TIMEOUT_PER_EXAMPLE_MS = 4 * 60_000;
const REQUIRED_TOOLS = ['ip', 'nsenter', 'unshare', 'setpriv', 'dnsmasq', 'dpkg-query'];

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const print = (line: string) => process.stdout.write(`[${elapsed()}] ${line}\n`);

/** The examples (folders with a cdk8s.yaml) and their synthesized YAML files. */
function examples(names: readonly string[]): { name: string; files: string[] }[] {
  const all = fs.readdirSync(path.join(ROOT, 'examples'))
    .filter(name => fs.existsSync(path.join(ROOT, 'examples', name, 'cdk8s.yaml'))).sort();
  const unknown = names.filter(name => !all.includes(name));
  if (unknown.length > 0) {
    throw new Error(`no example ${unknown.join(', ')} (have: ${all.join(', ')})`);
  }
  return all.filter(name => names.length === 0 || names.includes(name)).map(name => {
    const dist = path.join(ROOT, 'examples', name, 'dist');
    const files = fs.existsSync(dist) ? fs.readdirSync(dist).filter(f => f.endsWith('.k8s.yaml')).sort().map(f => path.join(dist, f)) : [];
    if (files.length === 0) {
      throw new Error(`examples/${name}/dist has no synthesized YAML: run 'npm run synth:examples' first`);
    }
    return { name, files };
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes the test's namespaces (with their processes) and this run's directory, or every run's. */
async function cleanUp(runDir?: string): Promise<void> {
  for (const netns of await listNetns()) {
    await deleteNetns(netns);
  }
  const dirs = runDir ? [runDir] : fs.readdirSync(os.tmpdir()).filter(d => d.startsWith(`${PREFIX}-`)).map(d => path.join(os.tmpdir(), d));
  for (const dir of dirs) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function outside(args: readonly string[]): Promise<number> {
  if (process.getuid?.() !== 0) {
    throw new Error('the e2e run needs root (network and mount namespaces): sudo npm run e2e');
  }
  const missingTools = REQUIRED_TOOLS.filter(tool => !['/usr/sbin', '/usr/bin', '/sbin', '/bin'].some(dir => fs.existsSync(path.join(dir, tool))));
  if (missingTools.length > 0) {
    throw new Error(`missing tools: ${missingTools.join(', ')} (Debian: apt-get install ${HARNESS_PACKAGES.join(' ')})`);
  }
  const runTimeoutMs = RUN_TIMEOUT_PER_EXAMPLE_MS * examples(args).length;
  if (fs.existsSync(LOCK)) {
    const pid = Number(fs.readFileSync(LOCK, 'utf8'));
    if (isAlive(pid)) {
      throw new Error(`another e2e run is active (pid ${pid}); remove ${LOCK} if it is not`);
    }
  }
  fs.writeFileSync(LOCK, String(process.pid));
  let runDir: string | undefined;
  try {
    await cleanUp();
    runDir = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}-`));
    fs.chmodSync(runDir, 0o755);
    await createNode();
    // nsenter, not `ip netns exec`: the run stays in this mount namespace, so the pods'
    // network namespaces are visible (and removable) here, also after a crash.
    const child = spawn('nsenter', [`--net=${netnsPath(NODE_NETNS)}`, '--', process.execPath, '-r', 'ts-node/register/transpile-only', __filename, ...args],
      { stdio: 'inherit', env: { ...process.env, [INSIDE]: runDir }, cwd: ROOT });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const timer = setTimeout(() => {
      print(`the run took longer than ${runTimeoutMs / 60_000} min: stopping it`);
      child.kill('SIGKILL');
    }, runTimeoutMs);
    const code = await new Promise<number>(resolve => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
    clearTimeout(timer);
    return code;
  } finally {
    await cleanUp(runDir);
    fs.rmSync(LOCK, { force: true });
    print('cleaned up: no namespace, process or directory of the test is left');
  }
}

async function inside(runDir: string, args: readonly string[]): Promise<number> {
  let stopping = false;
  const stopOnSignal = (signal: NodeJS.Signals) => {
    // A terminal's Ctrl-C arrives twice (directly and forwarded): one stop is enough.
    if (stopping) {
      return;
    }
    stopping = true;
    print(`${signal}: stopping every process of the test`);
    void stopAll(2000).finally(() => process.exit(130));
  };
  process.on('SIGINT', stopOnSignal);
  process.on('SIGTERM', stopOnSignal);
  const results: { name: string; status: string; seconds: string; detail: string }[] = [];
  for (const example of examples(args)) {
    const exampleStart = Date.now();
    print(`examples/${example.name}`);
    let status = 'failed';
    let detail: string;
    try {
      const bundle = new Bundle(example.files.flatMap(file => Bundle.read(file).objects));
      const withoutServer = imagesWithoutServer(bundle);
      if (withoutServer.length > 0) {
        status = 'skipped';
        detail = `no local server for ${withoutServer.map(i => `'${i}'`).join(', ')} in e2e/images/ (not in Debian); `
          + 'the init-script tests cover its per-member files';
      } else {
        detail = await new ExampleRun(example.name, bundle, runDir, print).run();
        status = 'passed';
      }
    } catch (error) {
      detail = (error as Error).message;
      await stopAll(2000);
    }
    const seconds = ((Date.now() - exampleStart) / 1000).toFixed(1);
    print(`examples/${example.name}: ${status} in ${seconds} s: ${detail}`);
    results.push({ name: example.name, status, seconds, detail });
  }
  print('summary:');
  for (const r of results) {
    process.stdout.write(`  ${r.name.padEnd(12)} ${r.status.padEnd(8)} ${r.seconds.padStart(6)} s\n`);
  }
  return results.some(r => r.status === 'failed') ? 1 : 0;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runDir = process.env[INSIDE];
  try {
    process.exitCode = runDir ? await inside(runDir, args) : await outside(args);
  } catch (error) {
    print(`e2e: ${(error as Error).message}`);
    process.exitCode = 1;
  }
  if (!runDir) {
    print(`e2e ${process.exitCode === 0 ? 'passed' : 'failed'} in ${elapsed()}`);
  }
  // Probe and restart timers of stopped pods must not keep the process alive.
  process.exit();
}

void main();
