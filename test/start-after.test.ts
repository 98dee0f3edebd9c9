import * as childProcess from 'child_process';
import * as http from 'http';
import * as net from 'net';
import { App, Chart, Duration, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { OrderedStatefulApp, PodSecurity, WaitCheck } from '../src';
import { errorOf, webProps } from './app-fixtures';
import { findContainer, findObject, indexOf, Manifest, newChart, restrictedViolations, schemaErrors, synth } from './util';

const ETCD = { image: 'registry.k8s.io/etcd:3.5.9-0', ports: [{ name: 'client', number: 2379 }, { name: 'peer', number: 2380 }] };

function twoApps(namespace?: string) {
  const chart = newChart(namespace);
  const db = new OrderedStatefulApp(chart, 'db', { container: ETCD, replicas: 3 });
  const web = new OrderedStatefulApp(chart, 'web', webProps({ replicas: 2 }));
  return { chart, db, web };
}

function waitContainer(manifests: Manifest[], name = 'wait-for-db'): Manifest {
  return findContainer(findObject(manifests, 'StatefulSet', 'web').spec.template.spec, name, 'initContainers');
}

/** Every object of the app, in file order, with dependencies resolved as `cdk8s synth` does. */
function synthAll(app: App): Manifest[] {
  return YAML.parseAllDocuments(app.synthYaml()).map(d => d.toJSON());
}

function env(container: Manifest): { [key: string]: string } {
  return Object.fromEntries(container.env.map((e: Manifest) => [e.name, e.value]));
}

/** Runs a wait container's command on this machine against 127.0.0.1 (every member), within `seconds`. */
function runWait(container: Manifest, port: number, seconds: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const vars = { ...env(container), WAIT_HOSTS: '127.0.0.1', WAIT_PORT: String(port), WAIT_TIMEOUT_SECONDS: String(seconds) };
  const [program, ...args] = container.command;
  return new Promise(resolve => {
    // stdin from /dev/null: bash reads ~/.bashrc when its stdin is a socket, as Node's pipes are.
    const child = childProcess.spawn(program, args, { env: { PATH: process.env.PATH, ...vars }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => stdout += d.toString());
    child.stderr.on('data', (d: Buffer) => stderr += d.toString());
    const kill = setTimeout(() => child.kill('SIGKILL'), (seconds + 10) * 1000);
    child.on('exit', status => {
      clearTimeout(kill);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A server on 127.0.0.1 that answers every HTTP request with `status`; closed by the caller. */
async function httpServer(status: number): Promise<http.Server> {
  const server = http.createServer((_, res) => {
    res.writeHead(status);
    res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function portOf(server: net.Server): number {
  return (server.address() as net.AddressInfo).port;
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = portOf(server);
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('startAfter()', () => {
  test('waits for the first member of the other app on its first port, for five minutes', () => {
    const { chart, web, db } = twoApps('prod');
    web.startAfter(db);
    const wait = waitContainer(synth(chart));
    expect(env(wait)).toEqual({
      WAIT_FOR: 'db',
      WAIT_HOSTS: 'db-0.db-headless.prod.svc.cluster.local',
      WAIT_PORT: '2379',
      WAIT_TIMEOUT_SECONDS: '300',
    });
  });

  test('port, timeout and every member can be chosen', () => {
    const { chart, web, db } = twoApps('prod');
    web.startAfter(db, { port: 'peer', timeout: Duration.minutes(1), allMembers: true });
    expect(env(waitContainer(synth(chart)))).toEqual({
      WAIT_FOR: 'db',
      WAIT_HOSTS: db.peerFqdns().join(' '),
      WAIT_PORT: '2380',
      WAIT_TIMEOUT_SECONDS: '60',
    });
  });

  test('runs a pinned bash image as the numeric user 65534 with tiny resources', () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db);
    const wait = waitContainer(synth(chart));
    expect(wait.image).toEqual('bash:5.2.26');
    expect(wait.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(wait.command.slice(4)).toEqual(['timeout', '3', 'bash', '-c', 'exec 2>/dev/null 3<>"/dev/tcp/$WAIT_HOST/$WAIT_PORT"']);
    expect(wait.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, readOnlyRootFilesystem: true });
    expect(wait.resources).toEqual({ requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } });
  });

  test('the scripts do not use $(...), which Kubernetes would read as a variable reference, nor nslookup', () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db);
    const command: string[] = waitContainer(synth(chart)).command;
    expect(command.join('\n')).not.toMatch(/\$\((?!\()/);
    expect(command.join('\n')).not.toContain('nslookup');
  });

  test('the give-up message shows in kubectl describe as the termination message', () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db);
    expect(waitContainer(synth(chart)).terminationMessagePolicy).toEqual('FallbackToLogsOnError');
  });

  test('the pod passes the restricted standard and the schema', () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db);
    const manifests = synth(chart);
    expect(restrictedViolations(findObject(manifests, 'StatefulSet', 'web').spec.template.spec)).toEqual([]);
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
  });

  test('the wait container stays restricted in a baseline app', () => {
    const chart = newChart();
    const db = new OrderedStatefulApp(chart, 'db', { container: ETCD });
    const web = new OrderedStatefulApp(chart, 'web', webProps({ podSecurity: PodSecurity.BASELINE }));
    web.startAfter(db);
    const wait = waitContainer(synth(chart));
    expect(wait.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65534,
      runAsGroup: 65534,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('wait containers run first, in the order startAfter() was called', () => {
    const chart = newChart();
    const a = new OrderedStatefulApp(chart, 'a', webProps());
    const b = new OrderedStatefulApp(chart, 'b', webProps());
    const web = new OrderedStatefulApp(chart, 'web', webProps({
      initContainers: [{ name: 'setup', image: 'busybox:1.36.1', command: ['true'], securityContext: { user: 1000 } }],
    }));
    web.startAfter(a);
    web.startAfter(b);
    const inits = findObject(synth(chart), 'StatefulSet', 'web').spec.template.spec.initContainers;
    expect(inits.map((c: Manifest) => c.name)).toEqual(['wait-for-a', 'wait-for-b', 'setup']);
  });

  test('the other app comes first in the YAML of one chart', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const web = new OrderedStatefulApp(chart, 'web', webProps());
    const db = new OrderedStatefulApp(chart, 'db', { container: ETCD });
    web.startAfter(db);
    const manifests = synthAll(app);
    for (const [kind, name] of [['Service', 'db-headless'], ['StatefulSet', 'db'], ['PodDisruptionBudget', 'db']]) {
      expect(indexOf(manifests, kind, name)).toBeLessThan(indexOf(manifests, 'Service', 'web-headless'));
    }
  });

  test('the other app comes first in the YAML when it is in another chart', () => {
    const app = Testing.app();
    const webChart = new Chart(app, 'web-chart');
    const dbChart = new Chart(app, 'db-chart');
    const web = new OrderedStatefulApp(webChart, 'web', webProps());
    const db = new OrderedStatefulApp(dbChart, 'db', { container: ETCD });
    web.startAfter(db);
    const manifests = synthAll(app);
    expect(indexOf(manifests, 'StatefulSet', 'db')).toBeLessThan(indexOf(manifests, 'Service', 'web-headless'));
    expect(indexOf(manifests, 'PodDisruptionBudget', 'db')).toBeLessThan(indexOf(manifests, 'StatefulSet', 'web'));
  });

  test('fails when an app waits for itself', () => {
    const { web } = twoApps();
    expect(errorOf(() => web.startAfter(web))).toEqual(
      '\'test/web\': invalid startAfter():\n- \'other\' must be another app, got the app \'web\' itself');
  });

  test('fails when two apps would wait for each other', () => {
    const { web, db } = twoApps();
    web.startAfter(db);
    expect(errorOf(() => db.startAfter(web))).toContain('\'other\' already starts after \'db\': two apps cannot wait for each other, got \'web\'');
  });

  test('fails when the same app is waited for twice', () => {
    const { web, db } = twoApps();
    web.startAfter(db);
    expect(errorOf(() => web.startAfter(db))).toContain('\'other\' is already waited for, got \'db\' twice');
  });

  test('fails when the port is not declared or the timeout is below one second', () => {
    const { web, db } = twoApps();
    const message = errorOf(() => web.startAfter(db, { port: 'http', timeout: Duration.millis(500) }));
    expect(message).toContain('\'options.port\' must name a port of \'db\' (declared: \'client\', \'peer\'), got \'http\'');
    expect(message).toContain('\'options.timeout\' must be a whole number of seconds, got 0.5 seconds');
  });

  test('fails when the other app has no members', () => {
    const chart = newChart();
    const db = new OrderedStatefulApp(chart, 'db', { container: ETCD, replicas: 0 });
    const web = new OrderedStatefulApp(chart, 'web', webProps());
    expect(errorOf(() => web.startAfter(db))).toContain('\'other\' has no members to wait for (replicas is 0), got \'db\'');
  });

  test('fails when the other app has no namespace but this one has', () => {
    const chart = newChart();
    const db = new OrderedStatefulApp(chart, 'db', { container: ETCD });
    const web = new OrderedStatefulApp(chart, 'web', webProps({ namespace: 'shop' }));
    expect(errorOf(() => web.startAfter(db))).toContain('\'other\' has no namespace, so its DNS names resolve only inside the namespace it is applied to, while this app is in \'shop\'');
  });
});

describe('startAfter() checks, run on this machine against loopback', () => {
  test('a TCP check passes once the member accepts connections', async () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db);
    const server = await httpServer(200);
    try {
      const result = await runWait(waitContainer(synth(chart)), portOf(server), 5);
      expect(result).toMatchObject({ status: 0, stdout: 'db at 127.0.0.1:' + portOf(server) + ' is up\n' });
    } finally {
      server.close();
    }
  });

  test('a TCP check logs every try and gives up with status 1', async () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db);
    const port = await closedPort();
    const result = await runWait(waitContainer(synth(chart)), port, 1);
    expect(result.status).toEqual(1);
    expect(result.stdout).toContain(`waiting for db: 127.0.0.1:${port} is not up yet`);
    expect(result.stderr).toEqual(`gave up after 1s: db at 127.0.0.1:${port} is not up\n`);
  });

  test('an HTTP check passes on a 2xx answer of its path', async () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db, { check: WaitCheck.http('/health') });
    const wait = waitContainer(synth(chart));
    expect(env(wait).WAIT_PATH).toEqual('/health');
    const server = await httpServer(204);
    try {
      expect((await runWait(wait, portOf(server), 5)).status).toEqual(0);
    } finally {
      server.close();
    }
  });

  test('an HTTP check keeps waiting while the answer is an error, though the port accepts connections', async () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db, { check: WaitCheck.http('/health') });
    const server = await httpServer(503);
    try {
      const result = await runWait(waitContainer(synth(chart)), portOf(server), 1);
      expect(result.status).toEqual(1);
      expect(result.stderr).toContain('gave up after 1s');
    } finally {
      server.close();
    }
  });

  test('a command check runs the command with the member\'s host and port until it succeeds', async () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db, { check: WaitCheck.command('zookeeper:3.8.4', ['sh', '-c', 'test "$WAIT_HOST:$WAIT_PORT" = 127.0.0.1:2379']) });
    const wait = waitContainer(synth(chart));
    expect(wait.image).toEqual('zookeeper:3.8.4');
    expect(wait.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect((await runWait(wait, 2379, 5)).status).toEqual(0);
    const failing = await runWait(wait, 2380, 1);
    expect(failing.status).toEqual(1);
    expect(failing.stderr).toEqual('gave up after 1s: db at 127.0.0.1:2380 is not up\n');
  });
});

describe('startAfter() images and network policies', () => {
  test('the wait image can be replaced by a mirror pinned by digest', () => {
    const chart = newChart();
    const db = new OrderedStatefulApp(chart, 'db', { container: ETCD });
    const digest = `registry.example.com/bash@sha256:${'a'.repeat(64)}`;
    const web = new OrderedStatefulApp(chart, 'web', webProps({ waitImage: digest }));
    web.startAfter(db);
    expect(waitContainer(synth(chart)).image).toEqual(digest);
  });

  test('the wait container pulls its image only when the node lacks it', () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db);
    expect(waitContainer(synth(chart)).imagePullPolicy).toEqual('IfNotPresent');
  });

  test('the other app\'s network policy admits the waiting pods on the port waited for', () => {
    const chart = newChart('shop');
    const db = new OrderedStatefulApp(chart, 'db', { container: ETCD, networkPolicy: { peerPorts: ['peer'] } });
    const web = new OrderedStatefulApp(chart, 'web', webProps());
    web.startAfter(db);
    expect(findObject(synth(chart), 'NetworkPolicy', 'db').spec.ingress).toContainEqual({
      from: [{ podSelector: { matchLabels: web.selectorLabels } }],
      ports: [{ port: 2379, protocol: 'TCP' }],
    });
  });

  test('waiting pods of another namespace are admitted from that namespace', () => {
    const app = Testing.app();
    const db = new OrderedStatefulApp(new Chart(app, 'data', { namespace: 'data' }), 'db', { container: ETCD, networkPolicy: {} });
    const web = new OrderedStatefulApp(new Chart(app, 'shop', { namespace: 'shop' }), 'web', webProps());
    web.startAfter(db, { port: 'peer' });
    const policy = synthAll(app).find(m => m.kind === 'NetworkPolicy' && m.metadata.name === 'db')!;
    expect(policy.spec.ingress).toContainEqual({
      from: [{ podSelector: { matchLabels: web.selectorLabels }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }],
      ports: [{ port: 2380, protocol: 'TCP' }],
    });
  });

  test('no rule is added when the policy already admits the waiting pods as clients', () => {
    const chart = newChart();
    const db = new OrderedStatefulApp(chart, 'db', { container: ETCD, clientService: { ports: ['client'] }, networkPolicy: { peerPorts: ['peer'] } });
    const web = new OrderedStatefulApp(chart, 'web', webProps());
    web.startAfter(db);
    expect(findObject(synth(chart), 'NetworkPolicy', 'db').spec.ingress).toHaveLength(2);
  });

  test('fails when the check has a bad path, an unpinned image or an empty command', () => {
    const { web, db } = twoApps();
    expect(errorOf(() => web.startAfter(db, { check: WaitCheck.http('health') }))).toContain(
      '\'options.check\' has an HTTP path that must start with \'/\' and hold only printable ASCII without spaces, got \'health\'');
    expect(errorOf(() => web.startAfter(db, { check: WaitCheck.command('zookeeper', ['true']) }))).toContain(
      '\'options.check.image\' must be pinned to a tag other than \'latest\' or to a digest, got \'zookeeper\'');
    expect(errorOf(() => web.startAfter(db, { check: WaitCheck.command('Zookeeper:3.8.4 ', ['true']) }))).toContain(
      '\'options.check.image\' must be an image reference ([host[:port]/]path[:tag][@digest], with a lowercase path), got \'Zookeeper:3.8.4 \'');
    expect(errorOf(() => web.startAfter(db, { timeout: Duration.seconds(1e21) }))).toContain(
      '\'options.timeout\' must be from 1 to 2147483647 seconds, got 1e+21 seconds');
    expect(errorOf(() => web.startAfter(db, { check: WaitCheck.command('zookeeper:3.8.4', []) }))).toContain(
      '\'options.check\' has a command that must not be empty, got []');
  });
});

describe('startAfter() with Argo CD sync waves', () => {
  const wave = (manifests: Manifest[], kind: string, name: string) => findObject(manifests, kind, name).metadata.annotations?.['argocd.argoproj.io/sync-wave'];

  test('every object of the other app is in an earlier wave than every object of this one', () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db, { syncWaves: true });
    const manifests = synth(chart);
    for (const [kind, name] of [['Service', 'db-headless'], ['StatefulSet', 'db'], ['PodDisruptionBudget', 'db']]) {
      expect(wave(manifests, kind, name)).toEqual('0');
    }
    for (const [kind, name] of [['Service', 'web-headless'], ['StatefulSet', 'web'], ['PodDisruptionBudget', 'web']]) {
      expect(wave(manifests, kind, name)).toEqual('1');
    }
  });

  test('waves follow chains of apps, whatever the order of the calls', () => {
    const chart = newChart();
    const [a, b, c] = ['a', 'b', 'c'].map(name => new OrderedStatefulApp(chart, name, webProps()));
    c.startAfter(b, { syncWaves: true });
    b.startAfter(a, { syncWaves: true });
    const manifests = synth(chart);
    expect(['a', 'b', 'c'].map(name => wave(manifests, 'StatefulSet', name))).toEqual(['0', '1', '2']);
  });

  test('objects added after the call, and by presets, are in the app\'s wave too', () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db, { syncWaves: true });
    const config = new OrderedStatefulApp(chart, 'cfg', webProps({ configMountPath: '/conf' }));
    config.startAfter(web, { syncWaves: true });
    config.addSharedFile('a', 'x');
    expect(wave(synth(chart), 'ConfigMap', 'cfg-config')).toEqual('2');
  });

  test('without syncWaves, no object carries the annotation', () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db);
    expect(synth(chart).filter(m => m.metadata.annotations?.['argocd.argoproj.io/sync-wave'] !== undefined)).toEqual([]);
  });
});

