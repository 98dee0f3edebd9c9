import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_PATH, imageRepository, imageTable, loadImageTable, localImage } from './images';
import { e2ePackages, HARNESS_PACKAGES } from './packages';

describe('imageRepository', () => {
  test.each([
    ['zookeeper:3.8.4', 'zookeeper'],
    ['docker.io/library/mysql:8.0.36', 'mysql'],
    ['index.docker.io/nginxinc/nginx-unprivileged:1.25.5', 'nginxinc/nginx-unprivileged'],
    ['gcr.io/etcd-development/etcd:v3.5.9', 'gcr.io/etcd-development/etcd'],
    ['busybox@sha256:0123abcd', 'busybox'],
    ['redis:7.2.4@sha256:0123abcd', 'redis'],
    ['localhost:5000/busybox', 'localhost:5000/busybox'],
  ])('%s is %s', (image, repository) => {
    expect(imageRepository(image)).toBe(repository);
  });
});

describe('localImage', () => {
  test('finds the entry of an image whatever its tag', () => {
    expect(localImage('busybox:1.36.1')?.applets).toBe('/bin/busybox');
    expect(localImage('busybox:1.37.0')?.repository).toBe('busybox');
  });

  test('has no entry for images no Debian package runs', () => {
    expect(localImage('apache/kafka:3.7.0')).toBeUndefined();
    expect(localImage('cassandra:4.1.4')).toBeUndefined();
  });
});

describe('the image table of e2e/images', () => {
  test('loads every folder', () => {
    const folders = fs.readdirSync(path.join(__dirname, 'images'), { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name);
    expect(imageTable().map(image => image.name).sort()).toEqual(folders.sort());
  });

  test('places the files of an image\'s folder from that folder', () => {
    expect(localImage('zookeeper')?.files['/docker-entrypoint.sh']).toBe(path.join(__dirname, 'images', 'zookeeper', 'docker-entrypoint.sh'));
  });

  test('keeps an absolute file source as it is', () => {
    expect(localImage('gcr.io/etcd-development/etcd')?.files['/usr/local/bin/etcd']).toBe('/usr/bin/etcd');
  });

  test('gives images without their own PATH the default one', () => {
    expect(localImage('redis')?.env.PATH).toBe(DEFAULT_PATH);
  });

  test('keeps the PATH an image sets', () => {
    expect(localImage('zookeeper')?.env.PATH).toMatch(/:\/usr\/share\/zookeeper\/bin$/);
  });

  test('loads the check module of an image\'s folder', () => {
    expect(typeof localImage('zookeeper')?.check?.formed).toBe('function');
  });
});

describe('e2ePackages', () => {
  test('lists the harness\'s packages and every image\'s, once each', () => {
    const packages = e2ePackages();
    expect(packages).toEqual(expect.arrayContaining([...HARNESS_PACKAGES, 'zookeeper', 'redis-server']));
    expect(new Set(packages).size).toBe(packages.length);
  });

  test('is what .ci/run installs', () => {
    const ci = fs.readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^E2E_PACKAGES="\$\(npx ts-node .* e2e\/packages\.ts\)"$/m);
  });
});

describe('loadImageTable', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-table-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** GIVEN one image folder with this image.yaml (and these files). */
  function folder(name: string, yaml: string, files: Record<string, string> = {}): void {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'image.yaml'), yaml);
    for (const [file, content] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name, file), content);
    }
  }

  const MINIMAL = 'repository: demo\npackages: [demo-server]\nruns: Debian demo\ncmd: [demo]\n';

  test('reads a minimal entry with the defaults', () => {
    folder('demo', MINIMAL);
    expect(loadImageTable(dir)).toEqual([{
      name: 'demo',
      repository: 'demo',
      packages: ['demo-server'],
      runs: 'Debian demo',
      entrypoint: [],
      cmd: ['demo'],
      env: { PATH: DEFAULT_PATH },
      workingDir: undefined,
      files: {},
      dirs: [],
      applets: undefined,
      check: undefined,
    }]);
  });

  test('reads a data check into a check with its steps', () => {
    folder('demo', `${MINIMAL}check:\n  says: demo formed\n  steps:\n    - run: [demo, status]\n      expect: ['member {{member.fqdn}} up']\n  extraMember: joins\n`);
    const check = loadImageTable(dir)[0].check;
    expect(typeof check?.formed).toBe('function');
    expect(typeof check?.extraMember).toBe('function');
  });

  test('a data check whose extra member only becomes Ready leaves that to the harness', () => {
    folder('demo', `${MINIMAL}check:\n  says: demo formed\n  steps:\n    - run: [demo, status]\n`);
    expect(loadImageTable(dir)[0].check?.extraMember).toBeUndefined();
  });

  test('fails with every problem of every entry at once', () => {
    folder('one', 'repository: one:1.0\npackages: []\nruns: x\n');
    folder('two', 'repository: two\npackages: [Two_Server]\nruns: x\ncmd: two\nflies: {}\n');
    expect(() => loadImageTable(dir)).toThrow([
      '- one/image.yaml: \'repository\' must be the repository alone (no tag, digest or docker.io/library/), got \'one:1.0\': did you mean \'one\'?',
      '- one/image.yaml: \'packages\' must be a non-empty list of strings, got []',
      '- two/image.yaml: \'flies\' is not a known key (allowed: repository, packages, runs, entrypoint, cmd, env, workingDir, files, dirs, applets, check)',
      '- two/image.yaml: \'packages\' has \'Two_Server\', which is not a Debian package name',
      '- two/image.yaml: \'cmd\' must be a list of strings, got "two"',
    ].join('\n'));
  });

  test('fails when a folder has no image.yaml', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    expect(() => loadImageTable(dir)).toThrow('- empty: the folder has no image.yaml');
  });

  test('fails when image.yaml is not YAML', () => {
    folder('demo', 'repository: [demo\n');
    expect(() => loadImageTable(dir)).toThrow(/- demo\/image.yaml: not YAML: /);
  });

  test('fails when a required field is missing', () => {
    folder('demo', 'packages: [demo]\n');
    expect(() => loadImageTable(dir)).toThrow([
      '- demo/image.yaml: \'repository\' must be a non-empty string, got undefined',
      '- demo/image.yaml: \'runs\' must be a non-empty string, got undefined',
    ].join('\n'));
  });

  test('fails when two folders name the same repository', () => {
    folder('a', MINIMAL);
    folder('b', MINIMAL);
    expect(() => loadImageTable(dir)).toThrow('- b/image.yaml: \'repository\' \'demo\' is also the repository of a/image.yaml');
  });

  test('fails when a file it places is not in the image\'s folder', () => {
    folder('demo', `${MINIMAL}files:\n  /entrypoint.sh: entrypoint.sh\n  /etc/x: ../other/x\n`);
    expect(() => loadImageTable(dir)).toThrow([
      '- demo/image.yaml: \'files./entrypoint.sh\' names \'entrypoint.sh\', which is not in the image\'s folder',
      '- demo/image.yaml: \'files./etc/x\' must name a file of the image\'s folder or an absolute path, got \'../other/x\'',
    ].join('\n'));
  });

  test('fails when a container path is not absolute', () => {
    folder('demo', `${MINIMAL}files:\n  etc/x: /dev/null\ndirs: [/var/../x]\nworkingDir: data\n`);
    expect(() => loadImageTable(dir)).toThrow([
      '- demo/image.yaml: \'workingDir\' must be an absolute, normalized path, got \'data\'',
      '- demo/image.yaml: \'files.etc/x\' must be keyed by an absolute, normalized container path',
      '- demo/image.yaml: \'dirs[0]\' must be an absolute, normalized path, got \'/var/../x\'',
    ].join('\n'));
  });

  test('fails when env has a value that is not a string', () => {
    folder('demo', `${MINIMAL}env:\n  PORT: 8080\n`);
    expect(() => loadImageTable(dir)).toThrow('- demo/image.yaml: \'env.PORT\' must be a string, got 8080');
  });

  test('fails when a check module does not export a check', () => {
    folder('demo', `${MINIMAL}check:\n  module: check.js\n`, { 'check.js': 'exports.other = 1;\n' });
    expect(() => loadImageTable(dir)).toThrow('- demo/image.yaml: \'check.module\' \'check.js\' must export \'check\', an AppCheck with a \'formed\' function');
  });

  test('fails when a check has a module and steps', () => {
    folder('demo', `${MINIMAL}check:\n  module: check.js\n  steps: []\n`, { 'check.js': 'exports.check = { formed() {} };\n' });
    expect(() => loadImageTable(dir)).toThrow('- demo/image.yaml: \'check\' has a \'module\' and \'steps\': a module check is the module alone');
  });

  test('fails when a data check has no steps', () => {
    folder('demo', `${MINIMAL}check:\n  says: demo formed\n`);
    expect(() => loadImageTable(dir)).toThrow('- demo/image.yaml: \'check.steps\' must be a non-empty list of steps (or give \'check.module\'), got undefined');
  });

  test('fails when a step is wrong', () => {
    folder('demo', [
      MINIMAL,
      'check:',
      '  says: demo formed',
      '  extraMember: refuses',
      '  steps:',
      '    - in: some',
      '      run: [demo, \'{{member.fqdn}}\']',
      '      expect: [\'{{pod.host}}\', \'(\', \'{{secret.x}}\']',
      '      timeoutSeconds: 0',
      '      retry: 3',
    ].join('\n'));
    expect(() => loadImageTable(dir)).toThrow([
      '- demo/image.yaml: \'check.steps[0].retry\' is not a known key (allowed: in, run, expect, timeoutSeconds)',
      '- demo/image.yaml: \'check.steps[0].run[1]\' has \'{{member.fqdn}}\': unknown scope \'member\' (allowed: pod, first, env)',
      '- demo/image.yaml: \'check.steps[0].expect[0]\' has \'{{pod.host}}\': unknown field \'host\' (allowed: name, fqdn, ip, ordinal)',
      '- demo/image.yaml: \'check.steps[0].expect[1]\' is not a regular expression: Invalid regular expression: /(/: Unterminated group',
      '- demo/image.yaml: \'check.steps[0].expect[2]\' has \'{{secret.x}}\': unknown scope \'secret\' (allowed: pod, first, member, env)',
      '- demo/image.yaml: \'check.steps[0].timeoutSeconds\' must be an integer from 1 to 600, got 0',
      '- demo/image.yaml: \'check.steps[0].in\' must be one of each, first, others, got "some"',
      '- demo/image.yaml: \'check.extraMember\' must be one of ready, joins, got "refuses"',
    ].join('\n'));
  });
});
