import { containerScript, ContainerRoot, RunAs, shellQuote } from './container';

const runAs: RunAs = { uid: 1000, gid: 1000, groups: [1000, 2000], noNewPrivileges: true };
const root: ContainerRoot = {
  root: '/run/c/root',
  scratch: '/run/c/scratch',
  imageMounts: [{ source: '/usr/bin/etcd', target: '/usr/local/bin/etcd', readOnly: true, isFile: true }],
  imageDirs: [],
  mounts: [
    { source: '/v/myid', target: '/data/myid', readOnly: true, isFile: true },
    { source: '/v/data', target: '/data', readOnly: false, isFile: false },
  ],
  readOnly: true,
  workingDir: '/',
};

function lineIndex(script: string, text: string): number {
  return script.split('\n').findIndex(line => line.includes(text));
}

describe('containerScript', () => {
  const script = containerScript(root, runAs, ['sh', '-c', 'echo it\'s $(POD)']);

  test('mounts the image\'s files before the pod\'s, and a parent before what lies in it', () => {
    expect(lineIndex(script, "--bind '/usr/bin/etcd'")).toBeLessThan(lineIndex(script, "--bind '/v/data'"));
    expect(lineIndex(script, "--bind '/v/data'")).toBeLessThan(lineIndex(script, "--bind '/v/myid'"));
  });

  test('resolves every mount target inside the container\'s root', () => {
    expect(script).toContain("t2='/run/c/root'\"$(/usr/sbin/chroot '/run/c/root' /usr/bin/realpath -m -- '/data/myid')\"");
  });

  test('makes read-only mounts and a read-only root read-only after every mount exists', () => {
    const lastBind = Math.max(...script.split('\n').map((line, i) => line.includes('--bind') ? i : -1));
    expect(lineIndex(script, 'remount,bind,ro "$t0"')).toBeGreaterThan(lastBind);
    expect(lineIndex(script, "remount,ro '/run/c/root'")).toBeGreaterThan(lastBind);
    expect(script).not.toContain('remount,bind,ro "$t1"');
  });

  test('runs the command as the numeric user with its groups, without new privileges', () => {
    expect(script.trim().split('\n').pop()).toBe("exec /usr/bin/unshare --root='/run/c/root' --wd='/' /usr/bin/setpriv --reuid=1000 --regid=1000 "
      + "--groups=1000,2000 --no-new-privs --bounding-set=-all --inh-caps=-all -- 'sh' '-c' 'echo it'\\''s $(POD)'");
  });

  test('leaves the root writable when readOnlyRootFilesystem is not set', () => {
    expect(containerScript({ ...root, readOnly: false }, runAs, ['true'])).not.toContain("remount,ro '/run/c/root'");
  });
});

describe('shellQuote', () => {
  test('quotes a value so that sh reads it unchanged', () => {
    expect(shellQuote("a 'b' $c")).toBe("'a '\\''b'\\'' $c'");
  });
});
