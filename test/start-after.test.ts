import { App, Chart, Duration, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { OrderedStatefulApp, PodSecurity } from '../src';
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
    expect(wait.command.slice(0, 2)).toEqual(['bash', '-c']);
    expect(wait.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, readOnlyRootFilesystem: true });
    expect(wait.resources).toEqual({ requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } });
  });

  test('the script checks a TCP connection with a bounded try, logs every try and exits 1 when it gives up', () => {
    const { chart, web, db } = twoApps();
    web.startAfter(db);
    const script: string = waitContainer(synth(chart)).command[2];
    expect(script).toContain('timeout 3 bash -c \'exec 3<>"/dev/tcp/$1/$2"\'');
    expect(script).toContain('echo "waiting for ${WAIT_FOR}: ${host}:${WAIT_PORT} does not accept connections yet"');
    expect(script).toContain('gave up after ${WAIT_TIMEOUT_SECONDS}s');
    expect(script).toContain('exit 1');
    expect(script).not.toContain('nslookup');
    // Kubernetes would expand $(NAME) in a command; the script must not use that syntax.
    expect(script).not.toMatch(/\$\(/);
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
    expect(message).toContain('\'options.timeout\' must be a whole number of seconds, at least 1, got 0.5 seconds');
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
