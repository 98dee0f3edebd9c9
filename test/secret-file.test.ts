import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Size } from 'cdk8s';
import { OrderedStatefulApp, OrderedStatefulAppProps, PodSecurity, SecretFileOptions } from '../src';
import { errorOf, webProps } from './app-fixtures';
import { findContainer, findObject, findVolume, Manifest, newChart, podSpecOf, restrictedViolations, schemaErrors, synth } from './util';

const COOKIE: SecretFileOptions = { secretName: 'rabbitmq-cookie', key: 'cookie', path: '/var/lib/rabbitmq/.erlang.cookie' };
const DATA_CLAIM = { name: 'data', size: Size.gibibytes(1), mountPath: '/var/lib/rabbitmq' };

/** An app `web` whose main container runs as 999:998, with a claim at /var/lib/rabbitmq unless `props` say otherwise. */
function appWith(props: Partial<OrderedStatefulAppProps> = {}) {
  const chart = newChart();
  const app = new OrderedStatefulApp(chart, 'web', webProps({
    container: { ...webProps().container, securityContext: { user: 999, group: 998 } },
    storage: { claims: [DATA_CLAIM] },
    ...props,
  }));
  return { chart, app, manifests: () => synth(chart) };
}

/** The pod template of the StatefulSet `web`. */
function webPodSpec(manifests: Manifest[]): Manifest {
  return podSpecOf(findObject(manifests, 'StatefulSet', 'web'));
}

describe('addSecretFile()', () => {
  test('an init container running as the main container\'s user and group copies the key, and the pod stays restricted', () => {
    // GIVEN an app whose main container runs as 999:998
    const { app, manifests } = appWith();
    // WHEN a secret file is added
    app.addSecretFile(COOKIE);
    // THEN the init container runs as 999:998, hardened, from the pinned copy image
    const podSpec = webPodSpec(manifests());
    const init = findContainer(podSpec, 'secret-files', 'initContainers');
    expect(init.image).toBe('busybox:1.36.1');
    expect(init.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 998,
      runAsNonRoot: true,
      runAsUser: 999,
    });
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  test('the StatefulSet with a secret file is valid for the API server', () => {
    const { app, manifests } = appWith();
    app.addSecretFile(COOKIE);
    expect(schemaErrors(findObject(manifests(), 'StatefulSet', 'web'))).toEqual([]);
  });

  test('the main container mounts the file read-only at its path, after the claim the path lies on', () => {
    const { app, manifests } = appWith();
    app.addSecretFile(COOKIE);
    expect(findContainer(webPodSpec(manifests()), 'web').volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/rabbitmq' },
      { name: 'secret-files', mountPath: '/var/lib/rabbitmq/.erlang.cookie', subPath: '0', readOnly: true },
    ]);
  });

  test('the file is written to an emptyDir in memory', () => {
    const { app, manifests } = appWith();
    app.addSecretFile(COOKIE);
    expect(findVolume(webPodSpec(manifests()), 'secret-files')).toEqual({ name: 'secret-files', emptyDir: { medium: 'Memory' } });
  });

  test('only the init container mounts the Secret, and only the key of the file', () => {
    const { app, manifests } = appWith();
    app.addSecretFile(COOKIE);
    const podSpec = webPodSpec(manifests());
    expect(findVolume(podSpec, 'secret-file-0')).toEqual({
      name: 'secret-file-0',
      secret: { secretName: 'rabbitmq-cookie', defaultMode: 0o444, items: [{ key: 'cookie', path: 'cookie' }] },
    });
    expect(findContainer(podSpec, 'secret-files', 'initContainers').volumeMounts).toEqual([
      { name: 'secret-files', mountPath: '/secret-files' },
      { name: 'secret-file-0', mountPath: '/secret-sources/0', readOnly: true },
    ]);
    expect(findContainer(podSpec, 'web').volumeMounts.map((m: Manifest) => m.name)).not.toContain('secret-file-0');
  });

  test('the mode is 0400 unless given', () => {
    const { app, manifests } = appWith();
    app.addSecretFile(COOKIE);
    app.addSecretFile({ secretName: 'tls', key: 'tls.key', path: '/etc/tls/tls.key', mode: 0o640 });
    expect(findContainer(webPodSpec(manifests()), 'secret-files', 'initContainers').env).toEqual([
      { name: 'SECRET_FILES', value: '0:cookie:0400 1:tls.key:0640' },
    ]);
  });

  test('every file is placed by the one init container, each from its own Secret volume', () => {
    const { app, manifests } = appWith();
    app.addSecretFile(COOKIE);
    app.addSecretFile({ secretName: 'tls', key: 'tls.key', path: '/etc/tls/tls.key' });
    const podSpec = webPodSpec(manifests());
    expect(podSpec.initContainers.map((c: Manifest) => c.name)).toEqual(['secret-files']);
    expect(findVolume(podSpec, 'secret-file-1')?.secret).toEqual({ secretName: 'tls', defaultMode: 0o444, items: [{ key: 'tls.key', path: 'tls.key' }] });
    expect(findContainer(podSpec, 'web').volumeMounts.filter((m: Manifest) => m.name === 'secret-files')).toEqual([
      { name: 'secret-files', mountPath: '/var/lib/rabbitmq/.erlang.cookie', subPath: '0', readOnly: true },
      { name: 'secret-files', mountPath: '/etc/tls/tls.key', subPath: '1', readOnly: true },
    ]);
  });

  test('the init container\'s script writes each key with its mode, also over the file of an earlier start', () => {
    // GIVEN the script of an app with two files, its paths moved into a temporary directory
    const { app, manifests } = appWith();
    app.addSecretFile(COOKIE);
    app.addSecretFile({ secretName: 'tls', key: 'tls.key', path: '/etc/tls/tls.key', mode: 0o600 });
    const init = findContainer(webPodSpec(manifests()), 'secret-files', 'initContainers');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-files-'));
    expect(init.command.slice(0, 2)).toEqual(['sh', '-c']);
    const script = (init.command[2] as string).replace(/\/secret-(files|sources)/g, `${dir}/$1`);
    fs.mkdirSync(path.join(dir, 'files'));
    for (const [i, key, value] of [['0', 'cookie', 'COOKIE'], ['1', 'tls.key', 'KEY']]) {
      fs.mkdirSync(path.join(dir, 'sources', i), { recursive: true });
      fs.writeFileSync(path.join(dir, 'sources', i, key), value);
    }
    const env = { PATH: process.env.PATH, SECRET_FILES: init.env.find((e: Manifest) => e.name === 'SECRET_FILES').value };
    try {
      // WHEN it runs twice, as after a restart of the pod
      execFileSync('sh', ['-c', script, 'secret-files'], { env });
      fs.writeFileSync(path.join(dir, 'sources', '0', 'cookie'), 'NEW COOKIE');
      const log = execFileSync('sh', ['-c', script, 'secret-files'], { env, encoding: 'utf8' });
      // THEN each file has its content and mode, and the log names them
      expect(fs.readFileSync(path.join(dir, 'files', '0'), 'utf8')).toBe('NEW COOKIE');
      expect(fs.statSync(path.join(dir, 'files', '0')).mode.toString(8)).toMatch(/400$/);
      expect(fs.statSync(path.join(dir, 'files', '1')).mode.toString(8)).toMatch(/600$/);
      expect(fs.readdirSync(path.join(dir, 'files')).sort()).toEqual(['0', '1']);
      expect(log).toMatch(/^secret-files: key cookie as file 0, mode 0400, owner \d+:\d+\nsecret-files: key tls.key as file 1, mode 0600, owner \d+:\d+\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the init container uses the configInitImage', () => {
    const { app, manifests } = appWith({ configInitImage: 'registry.example.com/busybox:1.36.1' });
    app.addSecretFile(COOKIE);
    expect(findContainer(webPodSpec(manifests()), 'secret-files', 'initContainers').image).toBe('registry.example.com/busybox:1.36.1');
  });

  test('the init container is hardened for the app\'s Pod Security Standard', () => {
    const { app, manifests } = appWith({ podSecurity: PodSecurity.BASELINE, container: { ...webProps().container, securityContext: { user: 0 } } });
    app.addSecretFile(COOKIE);
    const init = findContainer(webPodSpec(manifests()), 'secret-files', 'initContainers');
    expect(init.securityContext.runAsUser).toBe(0);
    expect(init.securityContext.runAsNonRoot).toBe(false);
  });

  test('an app without secret files has no secret-files init container or volume', () => {
    const podSpec = webPodSpec(appWith().manifests());
    expect(podSpec.initContainers).toBeUndefined();
    expect(findVolume(podSpec, 'secret-files')).toBeUndefined();
  });

  test('fails with every problem of the options at once', () => {
    const { app } = appWith();
    const message = errorOf(() => app.addSecretFile({ secretName: 'Cookie_Secret', key: 'a/b', path: 'var/lib/cookie', mode: 0o044 }));
    expect(message).toBe([
      '\'test/web\': invalid addSecretFile():',
      '- \'secretName\' must be a DNS-1123 subdomain (lowercase letters, digits, \'-\' and \'.\', at most 253 characters), got \'Cookie_Secret\'',
      '- \'key\' must have only letters, digits, \'-\', \'_\' and \'.\' (a Secret key), got \'a/b\'',
      '- \'path\' must be an absolute, normalized path of a file (no \'.\' or \'..\' parts, \'//\', trailing \'/\' or \':\'), got \'var/lib/cookie\'',
      '- \'mode\' must be an integer from 0 to 0o777 that lets the owner read the file (0o400 set), such as 0o400 or 0o600, got 36 (0o044)',
    ].join('\n'));
  });

  test('fails when the mode does not let the owner read the file', () => {
    const { app } = appWith();
    expect(errorOf(() => app.addSecretFile({ ...COOKIE, mode: 0o200 }))).toContain(
      '\'mode\' must be an integer from 0 to 0o777 that lets the owner read the file (0o400 set), such as 0o400 or 0o600, got 128 (0o200)');
  });

  test('fails when the mode is out of range', () => {
    const { app } = appWith();
    expect(errorOf(() => app.addSecretFile({ ...COOKIE, mode: 0o1400 }))).toContain(
      '\'mode\' must be an integer from 0 to 0o777 that lets the owner read the file (0o400 set), such as 0o400 or 0o600, got 768 (0o1400)');
  });

  test('fails when the path is not normalized, naming the normalized path', () => {
    const { app } = appWith();
    expect(errorOf(() => app.addSecretFile({ ...COOKIE, path: '/var/lib//rabbitmq/./.erlang.cookie' }))).toContain(
      '\'path\' must be an absolute, normalized path of a file (no \'.\' or \'..\' parts, \'//\', trailing \'/\' or \':\'), got \'/var/lib//rabbitmq/./.erlang.cookie\': did you mean \'/var/lib/rabbitmq/.erlang.cookie\'?');
  });

  test('fails when the path is a directory', () => {
    const { app } = appWith();
    expect(errorOf(() => app.addSecretFile({ ...COOKIE, path: '/var/lib/' }))).toContain(
      '\'path\' must be an absolute, normalized path of a file (no \'.\' or \'..\' parts, \'//\', trailing \'/\' or \':\'), got \'/var/lib/\': did you mean \'/var/lib\'?');
  });

  test('fails when the key is longer than a Secret key may be', () => {
    const { app } = appWith();
    const key = 'k'.repeat(254);
    expect(errorOf(() => app.addSecretFile({ ...COOKIE, key }))).toContain(`'key' must be at most 253 characters, got '${key}'`);
  });

  test('fails when the main container sets no user, who would own the file', () => {
    const { app } = appWith({ container: webProps().container });
    expect(errorOf(() => app.addSecretFile(COOKIE))).toContain(
      '\'container.securityContext.user\' must be set to the main container\'s numeric user, who owns the file, got undefined: the image\'s user is not known when the YAML is written');
  });

  test('fails at synth when the path is another mount\'s directory spelled differently', () => {
    // GIVEN a claim mounted at '/var/lib/rabbitmq/', with a trailing slash
    const { app, manifests } = appWith({ storage: { claims: [{ ...DATA_CLAIM, mountPath: '/var/lib/rabbitmq/' }] } });
    // WHEN a secret file is placed at that directory
    app.addSecretFile({ ...COOKIE, path: '/var/lib/rabbitmq' });
    // THEN it is the same directory, which the claim's mount uses
    expect(errorOf(manifests)).toContain('- \'addSecretFile.path\' must not be the path of another mount of the main container, '
      + 'got \'/var/lib/rabbitmq\', which claim \'data\' uses');
  });

  test('fails at synth when the path is the path of another mount', () => {
    const { app, manifests } = appWith();
    app.addSecretFile({ ...COOKIE, path: '/var/lib/rabbitmq' });
    app.addSecretFile({ ...COOKIE, path: '/etc/cookie' });
    app.addSecretFile({ ...COOKIE, path: '/etc/cookie' });
    const message = errorOf(manifests);
    expect(message).toContain('\'test/web\': invalid secret files:\n'
      + '- \'addSecretFile.path\' must not be the path of another mount of the main container, got \'/var/lib/rabbitmq\', which claim \'data\' uses\n'
      + '- \'addSecretFile.path\' must not be the path of another mount of the main container, got \'/etc/cookie\', which another file mount uses\n'
      + '- \'addSecretFile.path\' must not be the path of another mount of the main container, got \'/etc/cookie\', which another file mount uses');
  });

  test('fails at synth when the path lies in the read-only config directory', () => {
    const { app, manifests } = appWith({ configMountPath: '/config' });
    app.addSharedFile('rabbitmq.conf', 'x = 1\n');
    app.addSecretFile({ ...COOKIE, path: '/config/cookie' });
    expect(errorOf(manifests)).toContain('- \'addSecretFile.path\' must lie outside the read-only config directory \'/config\', got \'/config/cookie\'');
  });
});
