import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configScript } from '../../src/private/config-script';

/** Runs the script for `pod` over a source directory holding `keys`; returns the target files and the outcome. */
function run(knownPods: string[], pod: string, keys: { [key: string]: string }, preexisting: string[] = []) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'config-script-'));
  const src = path.join(root, 'src');
  const dst = path.join(root, 'dst');
  fs.mkdirSync(src);
  fs.mkdirSync(dst);
  for (const [key, value] of Object.entries(keys)) {
    fs.writeFileSync(path.join(src, key), value);
  }
  for (const name of preexisting) {
    fs.writeFileSync(path.join(dst, name), 'stale');
  }
  const result = childProcess.spawnSync('sh', ['-c', configScript('app', knownPods), 'copy-config', src, dst],
    { env: { PATH: process.env.PATH, POD_NAME: pod }, encoding: 'utf-8' });
  const files = Object.fromEntries(fs.readdirSync(dst).sort().map(n => [n, fs.readFileSync(path.join(dst, n), 'utf-8')]));
  fs.rmSync(root, { recursive: true, force: true });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, files };
}

describe('config init script', () => {
  test('a restarted init container replaces what an earlier run left, hidden files included', () => {
    const result = run(['app-0'], 'app-0', { 'shared.a': '1' }, ['a', 'old', '.hidden']);
    expect(result.files).toEqual({ a: '1' });
  });

  test('an own file wins over the default of the same name', () => {
    expect(run(['app-0'], 'app-0', { 'app-0.x': 'own', 'default.x': 'default' }).files).toEqual({ x: 'own' });
  });

  test('another member\'s files are not copied, even with a similar name', () => {
    expect(run(['app-1', 'app-10'], 'app-1', { 'app-10.x': 'ten', 'app-1.y': 'one' }).files).toEqual({ y: 'one' });
  });

  test('with no synthesized members, every pod gets the defaults', () => {
    const result = run([], 'app-0', { 'default.x': 'd' });
    expect(result.files).toEqual({ x: 'd' });
    expect(result.stdout).toEqual('app-0 is not in the synthesized YAML: using the defaults\napp-0: 1 files from the defaults\n');
  });

  test('every missing member file is named once', () => {
    const result = run(['app-0', 'app-1'], 'app-2', { 'app-0.myid': '1', 'app-1.myid': '2', 'app-1.extra': 'e' });
    expect(result.status).toEqual(1);
    expect(result.stderr).toContain('app-2: refusing to start without the files myid extra, which');
  });

  test('uses only POSIX sh: no bash-only syntax', () => {
    const script = configScript('app', ['app-0']);
    expect(script).not.toMatch(/\[\[|\bfunction\b|\blocal\b|<<<|\$\{[^}]*\/\/|source /);
    expect(childProcess.spawnSync('sh', ['-n', '-c', script]).status).toEqual(0);
  });
});
