import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MemberTemplate, MemberValue } from '../../src';
import { configScript } from '../../src/private/config-script';

/** The member variables of `pod` in namespace `ns` of the app `app`, as the init container gets them. */
function memberEnv(pod: string): { [name: string]: string } {
  return {
    POD_NAME: pod,
    POD_NAMESPACE: 'ns',
    POD_IP: '10.1.2.3',
    HEADLESS_SERVICE: 'app-headless',
    HEADLESS_SERVICE_DOMAIN: 'app-headless.ns.svc.cluster.local',
    POD_FQDN: `${pod}.app-headless.ns.svc.cluster.local`,
  };
}

interface RunOptions {
  readonly preexisting?: string[];
  readonly mounted?: string;
}

/**
 * Runs the script for `pod` over a source directory holding `keys` (with the synthesized
 * members `members`, `first last`); returns the target files and the outcome.
 */
function run(members: string, pod: string, keys: { [key: string]: string }, options: RunOptions = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'config-script-'));
  try {
    const src = path.join(root, 'src');
    const dst = path.join(root, 'dst');
    fs.mkdirSync(src);
    fs.mkdirSync(dst);
    for (const [key, value] of Object.entries({ ...keys, members: `${members}\n` })) {
      fs.writeFileSync(path.join(src, key), value);
    }
    for (const name of options.preexisting ?? []) {
      fs.writeFileSync(path.join(dst, name), 'stale');
    }
    const mounted = options.mounted === undefined ? {} : { MOUNTED_FILES: options.mounted };
    const result = childProcess.spawnSync('sh', ['-c', configScript('app'), 'copy-config', src, dst],
      { env: { PATH: process.env.PATH, ...memberEnv(pod), ...mounted }, encoding: 'utf-8' });
    const files = Object.fromEntries(fs.readdirSync(dst).sort().map(n => [n, fs.readFileSync(path.join(dst, n), 'utf-8')]));
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, files };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('config init script', () => {
  test('a restarted init container replaces what an earlier run left, hidden files included', () => {
    const result = run('0 0', 'app-0', { 'shared.a': '1' }, { preexisting: ['a', 'old', '.hidden'] });
    expect(result.files).toEqual({ a: '1' });
  });

  test('an own file wins over the default of the same name', () => {
    expect(run('0 0', 'app-0', { 'app-0.x': 'own', 'default.x': 'default' }).files).toEqual({ x: 'own' });
  });

  test('another member\'s files are not copied, even with a similar name', () => {
    expect(run('1 10', 'app-1', { 'app-10.x': 'ten', 'app-1.y': 'one' }).files).toEqual({ y: 'one' });
  });

  test('a pod outside the range of members gets the defaults', () => {
    const result = run('0 1', 'app-2', { 'default.x': 'd', 'shared.s': 's' });
    expect(result.files).toEqual({ s: 's', x: 'd' });
    expect(result.stdout).toEqual('app-2 is not in the synthesized YAML: using the defaults\napp-2: 2 files\n');
  });

  test('a pod below the first ordinal is outside the range too', () => {
    expect(run('3 5', 'app-2', { 'app-3.x': 'own' }).stderr).toContain('app-2: refusing to start without the files x,');
  });

  test('every missing member file is named once', () => {
    const result = run('0 1', 'app-2', { 'app-0.myid': '1', 'app-1.myid': '2', 'app-1.extra': 'e' });
    expect(result.status).toEqual(1);
    expect(result.stderr).toContain('app-2: refusing to start without the files myid extra, which');
  });

  test('a member without a file that another member has starts all the same', () => {
    expect(run('0 1', 'app-1', { 'app-0.bootstrap': 'b' })).toMatchObject({ status: 0, files: {} });
  });

  test('templates are computed from the member\'s own identity, for every pod', () => {
    const template = MemberTemplate.of(
      MemberValue.text('id='), MemberValue.ordinal(1), MemberValue.text('\nname='), MemberValue.podName(),
      MemberValue.text('\nfqdn='), MemberValue.podFqdn(), MemberValue.text('\ndomain='), MemberValue.serviceDomain(),
      MemberValue.text('\nns='), MemberValue.namespace(), MemberValue.text('\nip='), MemberValue.podIp(), MemberValue.text('\n'));
    for (const pod of ['app-0', 'app-7']) {
      const ordinal = Number(pod.split('-')[1]);
      expect(run('0 2', pod, { 'template.t': template._toRecipe() }).files).toEqual({
        t: `id=${ordinal + 1}\nname=${pod}\nfqdn=${pod}.app-headless.ns.svc.cluster.local\n`
          + 'domain=app-headless.ns.svc.cluster.local\nns=ns\nip=10.1.2.3\n',
      });
    }
  });

  test('template text comes through byte for byte', () => {
    const text = 'a $HOME `id` $(date) "q" \'s\' {x} ${y} \\n \\\\ %s %d\n\n  trailing  \n\tno newline at the end';
    expect(run('0 0', 'app-0', { 'template.t': MemberTemplate.of(MemberValue.text(text))._toRecipe() }).files).toEqual({ t: text });
  });

  test('a template can include the member\'s other files', () => {
    const template = MemberTemplate.of(MemberValue.file('role'), MemberValue.text('id='), MemberValue.ordinal());
    const keys = { 'app-0.role': 'voter\n', 'default.role': 'broker\n', 'template.t': template._toRecipe() };
    expect(run('0 0', 'app-0', keys).files.t).toEqual('voter\nid=0');
    expect(run('0 0', 'app-5', keys).files.t).toEqual('broker\nid=5');
  });

  test('a pod refuses to start when a file its main container mounts is missing', () => {
    const result = run('0 1', 'app-1', { 'app-0.myid': '1' }, { mounted: 'myid' });
    expect(result.status).toEqual(1);
    expect(result.stderr).toEqual('app-1: refusing to start without the files myid, which the main container mounts\n');
  });

  test('uses only POSIX sh: no bash-only syntax', () => {
    const script = configScript('app');
    expect(script).not.toMatch(/\[\[|\bfunction\b|\blocal\b|<<<|\$\{[^}]*\/\/|source |echo -n/);
    expect(childProcess.spawnSync('sh', ['-n', '-c', script]).status).toEqual(0);
  });

  test('nothing in the script depends on the number of members', () => {
    expect(configScript('app')).not.toMatch(/app-[0-9]/);
  });
});
