import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { MemberTemplate, MemberValue, OrderedStatefulApp, OrderedStatefulAppProps, PodSecurity } from '../../src';
import {
  findContainer, findObject, indexOf, Manifest, memberView, newChart, restrictedViolations, schemaErrors, synth,
} from '../util';

const IMAGE = 'zookeeper:3.8.4';
const CHECKSUM = 'stateful-topology.cdk8s.io/config-checksum';

function zkApp(overrides: Partial<OrderedStatefulAppProps> = {}) {
  const chart = newChart();
  const zk = new OrderedStatefulApp(chart, 'zk', {
    replicas: 3,
    configMountPath: '/conf',
    container: { image: IMAGE, ports: [{ name: 'client', number: 2181 }] },
    ...overrides,
  });
  return { chart, zk };
}

/** Shared zoo.cfg, myid per member, a role with a default. */
function configured(overrides: Partial<OrderedStatefulAppProps> = {}) {
  const { chart, zk } = zkApp(overrides);
  zk.addSharedFile('zoo.cfg', 'tickTime=2000\n');
  for (const ordinal of zk.ordinals) {
    zk.addOrdinalFile(ordinal, 'myid', `${ordinal + 1}\n`);
  }
  zk.addOrdinalFile(zk.startOrdinal, 'role', 'primary');
  zk.addDefaultFile('role', 'replica');
  return { chart, zk, manifests: synth(chart) };
}

function yamlOf(chart: Chart): string {
  return (chart.node.root as App).synthYaml();
}

function stsOf(manifests: Manifest[]): Manifest {
  return findObject(manifests, 'StatefulSet', 'zk');
}

function synthErrors(build: (zk: OrderedStatefulApp) => void, overrides: Partial<OrderedStatefulAppProps> = {}): string {
  const { chart, zk } = zkApp(overrides);
  build(zk);
  try {
    synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  return 'synthesized without error';
}

describe('what each member sees', () => {
  const { manifests } = configured();

  test.each([
    ['zk-0', { 'myid': '1\n', 'role': 'primary', 'zoo.cfg': 'tickTime=2000\n' }],
    ['zk-1', { 'myid': '2\n', 'role': 'replica', 'zoo.cfg': 'tickTime=2000\n' }],
    ['zk-2', { 'myid': '3\n', 'role': 'replica', 'zoo.cfg': 'tickTime=2000\n' }],
  ])('%s sees the shared files, its own files and the defaults for the rest', (pod, files) => {
    expect(memberView(manifests, 'zk', pod, '/conf').files).toEqual(files);
  });

  test('the init container logs how many files the member got', () => {
    expect(memberView(manifests, 'zk', 'zk-1', '/conf').log).toEqual('zk-1: 3 files\n');
  });

  test('every file is readable by any user', () => {
    expect(Object.values(memberView(manifests, 'zk', 'zk-0', '/conf').modes)).toEqual([0o444, 0o444, 0o444]);
  });

  test('a pod the YAML does not know gets the shared files and the defaults', () => {
    const { chart, zk } = zkApp();
    zk.addSharedFile('zoo.cfg', 'tickTime=2000\n');
    zk.addOrdinalFile(0, 'role', 'primary');
    zk.addDefaultFile('role', 'replica');
    const view = memberView(synth(chart), 'zk', 'zk-3', '/conf');
    expect(view.files).toEqual({ 'role': 'replica', 'zoo.cfg': 'tickTime=2000\n' });
    expect(view.log).toEqual('zk-3 is not in the synthesized YAML: using the defaults\nzk-3: 2 files\n');
  });

  test('a pod the YAML does not know refuses to start when a member file has no default', () => {
    const view = memberView(manifests, 'zk', 'zk-3', '/conf');
    expect(view.error).toEqual('zk-3: refusing to start without the files myid, which the synthesized members have and no default provides: '
      + 're-synthesize with more replicas or add a default with addDefaultFile\n');
    expect(view.files).toEqual({});
  });

  test('a member with no own files still counts as known and starts with the shared files', () => {
    const { chart, zk } = zkApp();
    zk.addSharedFile('zoo.cfg', 'x');
    zk.addOrdinalFile(0, 'primary.cnf', 'p');
    const m = synth(chart);
    expect(memberView(m, 'zk', 'zk-1', '/conf')).toEqual({ files: { 'zoo.cfg': 'x' }, modes: { 'zoo.cfg': 0o444 }, log: 'zk-1: 1 files\n' });
    expect(memberView(m, 'zk', 'zk-5', '/conf').error).toContain('zk-5: refusing to start without the files primary.cnf,');
  });

  test('startOrdinal shifts every file to the members it names', () => {
    const { manifests: shifted } = configured({ startOrdinal: 5 });
    expect(memberView(shifted, 'zk', 'zk-5', '/conf').files).toEqual({ 'myid': '6\n', 'role': 'primary', 'zoo.cfg': 'tickTime=2000\n' });
    expect(memberView(shifted, 'zk', 'zk-7', '/conf').files).toEqual({ 'myid': '8\n', 'role': 'replica', 'zoo.cfg': 'tickTime=2000\n' });
    expect(memberView(shifted, 'zk', 'zk-0', '/conf').error).toContain('zk-0: refusing to start without the files myid,');
  });

  test('file names with dots, dashes and a leading dot reach the pod unchanged', () => {
    const { chart, zk } = zkApp();
    zk.addSharedFile('.env', 'A=1');
    zk.addSharedFile('my.server-1_x.cnf', 'c');
    expect(memberView(synth(chart), 'zk', 'zk-0', '/conf').files).toEqual({ '.env': 'A=1', 'my.server-1_x.cnf': 'c' });
  });
});

describe('synthesized objects', () => {
  const { manifests } = configured();
  const podSpec = stsOf(manifests).spec.template.spec;

  test('one ConfigMap <name>-config holds every file once, keyed by scope, and the range of members', () => {
    expect(findObject(manifests, 'ConfigMap', 'zk-config').data).toEqual({
      'members': '0 2\n',
      'default.role': 'replica',
      'shared.zoo.cfg': 'tickTime=2000\n',
      'zk-0.myid': '1\n',
      'zk-0.role': 'primary',
      'zk-1.myid': '2\n',
      'zk-2.myid': '3\n',
    });
  });

  test('the ConfigMap carries the app\'s labels', () => {
    const { manifests: labelled } = configured({ labels: { team: 'data' } });
    expect(findObject(labelled, 'ConfigMap', 'zk-config').metadata.labels).toEqual(
      { 'app.kubernetes.io/instance': 'zk', 'app.kubernetes.io/name': 'zk', 'team': 'data' });
  });

  test('the ConfigMap comes before the StatefulSet', () => {
    expect(indexOf(manifests, 'ConfigMap', 'zk-config')).toBeLessThan(indexOf(manifests, 'StatefulSet', 'zk'));
  });

  test('the main container mounts the copied files read-only at configMountPath', () => {
    expect(findContainer(podSpec, 'zk').volumeMounts).toEqual([{ mountPath: '/conf', name: 'member-config', readOnly: true }]);
    expect(podSpec.volumes).toEqual([
      { name: 'member-config', emptyDir: {} },
      { name: 'member-config-source', configMap: { name: 'zk-config', defaultMode: 0o444 } },
    ]);
  });

  test('the init container runs a pinned busybox as user 65534 with a restricted security context', () => {
    const init = findContainer(podSpec, 'member-config', 'initContainers');
    expect(init.image).toEqual('busybox:1.36.1');
    expect(init.imagePullPolicy).toEqual('IfNotPresent');
    expect(init.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(init.command.slice(3)).toEqual(['copy-config', '/config-source', '/config']);
    expect(init.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 65534,
      runAsNonRoot: true,
      runAsUser: 65534,
    });
    expect(init.resources).toEqual({ limits: { cpu: '100m', memory: '32Mi' }, requests: { cpu: '10m', memory: '16Mi' } });
    expect(init.volumeMounts).toEqual([
      { mountPath: '/config-source', name: 'member-config-source', readOnly: true },
      { mountPath: '/config', name: 'member-config' },
    ]);
  });

  test('the init container also stays restricted when the app is baseline', () => {
    const { manifests: baseline } = configured({ podSecurity: PodSecurity.BASELINE });
    const init = findContainer(stsOf(baseline).spec.template.spec, 'member-config', 'initContainers');
    expect(init.securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(init.securityContext.runAsNonRoot).toEqual(true);
  });

  test('the init container runs after the user\'s init containers', () => {
    const { manifests: withInit } = configured({ initContainers: [{ name: 'first', image: 'busybox:1.36.1', securityContext: { user: 1000 } }] });
    const names = stsOf(withInit).spec.template.spec.initContainers.map((c: Manifest) => c.name);
    expect(names).toEqual(['first', 'member-config']);
    expect(findContainer(stsOf(withInit).spec.template.spec, 'member-config', 'initContainers').securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('the init script is shown as a literal block in the YAML', () => {
    const { chart } = configured();
    expect(yamlOf(chart)).toMatch(/- \|\n +set -eu\n +src="\$1"\n/);
  });

  test('the pod template passes the restricted Pod Security Standard', () => {
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  test('the output is valid against the Kubernetes 1.27 schema', () => {
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
  });

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });
});

describe('no files', () => {
  test('an app without files has no ConfigMap, no init container, no volume and no checksum', () => {
    const { chart } = zkApp();
    const manifests = synth(chart);
    const template = stsOf(manifests).spec.template;
    expect(manifests.filter(m => m.kind === 'ConfigMap')).toEqual([]);
    expect(template.spec.initContainers).toBeUndefined();
    expect(template.spec.volumes).toBeUndefined();
    expect(template.metadata.annotations).toBeUndefined();
  });
});

describe('config checksum', () => {
  const checksumOf = (content: string) => {
    const { chart, zk } = zkApp();
    zk.addSharedFile('zoo.cfg', content);
    return stsOf(synth(chart)).spec.template.metadata.annotations[CHECKSUM];
  };

  test('the pod template carries the sha256 of the config', () => {
    expect(checksumOf('a')).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a change of any content changes the checksum, so members roll in order', () => {
    expect(checksumOf('a')).not.toEqual(checksumOf('b'));
  });

  test('the same config gives the same checksum and byte-identical YAML', () => {
    const yaml = () => {
      const { chart } = configured();
      return yamlOf(chart);
    };
    expect(checksumOf('a')).toEqual(checksumOf('a'));
    expect(yaml()).toEqual(yaml());
  });

  test('the order files are added in does not change the output', () => {
    const build = (reverse: boolean) => {
      const { chart, zk } = zkApp();
      const adds = [() => zk.addSharedFile('a', '1'), () => zk.addDefaultFile('b', '2'), () => zk.addOrdinalFile(1, 'b', '3')];
      (reverse ? adds.reverse() : adds).forEach(add => add());
      return synth(chart);
    };
    expect(build(true)).toEqual(build(false));
  });

  test('files added after other constructs used the app still reach the ConfigMap and the checksum', () => {
    const { chart, zk } = zkApp();
    zk.addSharedFile('a', '1');
    const before = stsOf(synth(chart)).spec.template.metadata.annotations[CHECKSUM];
    zk.addSharedFile('b', '2');
    const manifests = synth(chart);
    expect(findObject(manifests, 'ConfigMap', 'zk-config').data).toEqual({ 'members': '0 2\n', 'shared.a': '1', 'shared.b': '2' });
    expect(stsOf(manifests).spec.template.metadata.annotations[CHECKSUM]).not.toEqual(before);
  });
});

describe('validation', () => {
  const prefix = /^Validation failed with the following errors:\n {2}\[test\/zk\/Config\] 'test\/zk': invalid config files:\n- /;

  test('fails when files are added without configMountPath', () => {
    const message = synthErrors(zk => zk.addSharedFile('zoo.cfg', 'x'), { configMountPath: undefined });
    expect(message).toMatch(prefix);
    expect(message).toContain('\'configMountPath\' must be set to the directory where the main container sees its config files, '
      + 'or the files mounted one by one with mountFile, got undefined while files were added: \'zoo.cfg\'');
  });

  test('fails when an ordinal file names an ordinal that is not a member', () => {
    expect(synthErrors(zk => zk.addOrdinalFile(3, 'myid', '4'))).toContain(
      '\'addOrdinalFile.ordinal\' must be the ordinal of a synthesized member, from 0 to 2, got 3 for the file \'myid\': '
      + 'add more replicas, or give pods the YAML does not know a file with addDefaultFile');
  });

  test('fails when an ordinal file names an ordinal below startOrdinal', () => {
    expect(synthErrors(zk => zk.addOrdinalFile(0, 'myid', '1'), { startOrdinal: 1 })).toContain(
      '\'addOrdinalFile.ordinal\' must be the ordinal of a synthesized member, from 1 to 3, got 0');
  });

  test('fails when a file name is not a valid ConfigMap key or has a slash', () => {
    const message = synthErrors(zk => {
      zk.addSharedFile('conf/zoo.cfg', 'x');
      zk.addDefaultFile('a b', 'x');
      zk.addOrdinalFile(0, '..data', 'x');
    });
    expect(message).toContain('\'addSharedFile.name\' must have only letters, digits, \'-\', \'_\' and \'.\' (a ConfigMap key, no \'/\'), got \'conf/zoo.cfg\'');
    expect(message).toContain('\'addDefaultFile.name\' must have only letters, digits, \'-\', \'_\' and \'.\' (a ConfigMap key, no \'/\'), got \'a b\'');
    expect(message).toContain('\'addOrdinalFile.name\' must not be \'.\' nor start with \'..\', got \'..data\'');
  });

  test('fails when a file name makes a ConfigMap key longer than 253 characters', () => {
    expect(synthErrors(zk => zk.addSharedFile('x'.repeat(250), 'x'))).toContain(
      `'addSharedFile.name' makes the ConfigMap key 'shared.${'x'.repeat(250)}' longer than 253 characters: shorten the name`);
  });

  test('fails when the same file is added twice for the same scope', () => {
    const message = synthErrors(zk => {
      zk.addSharedFile('zoo.cfg', 'a');
      zk.addSharedFile('zoo.cfg', 'b');
      zk.addOrdinalFile(1, 'myid', '2');
      zk.addOrdinalFile(1, 'myid', '2');
      zk.addDefaultFile('role', 'a');
      zk.addDefaultFile('role', 'a');
    });
    expect(message).toContain('\'addSharedFile.name\' must be added once per scope, got \'zoo.cfg\' twice for addSharedFile()');
    expect(message).toContain('\'addOrdinalFile.name\' must be added once per scope, got \'myid\' twice for ordinal 1');
    expect(message).toContain('\'addDefaultFile.name\' must be added once per scope, got \'role\' twice for addDefaultFile()');
  });

  test('fails when a shared file has the name of an ordinal or default file', () => {
    const message = synthErrors(zk => {
      zk.addSharedFile('role', 'a');
      zk.addOrdinalFile(0, 'role', 'b');
      zk.addDefaultFile('role', 'c');
    });
    expect(message).toContain('\'addOrdinalFile.name\' must not be the name of a shared file, which every pod already sees, got \'role\': '
      + 'use addOrdinalFile and addDefaultFile alone for a file that differs between members');
    expect(message).toContain('\'addDefaultFile.name\' must not be the name of a shared file');
  });

  test('fails when the ConfigMap would exceed 1 MiB, counting keys and values', () => {
    const content = 'x'.repeat(512 * 1024);
    expect(synthErrors(zk => {
      zk.addSharedFile('a', content);
      zk.addSharedFile('b', content);
    })).toContain('\'files\' must add up to at most 1048576 bytes (keys and values of the ConfigMap \'zk-config\'), got 1048603');
  });

  test('accepts a ConfigMap of exactly 1 MiB', () => {
    const members = 'members'.length + '0 2\n'.length;
    expect(synthErrors(zk => zk.addSharedFile('a', 'x'.repeat(1024 * 1024 - 'shared.a'.length - members)))).toEqual('synthesized without error');
  });

  test('fails when configMountPath is another mount of the main container, or nested with one', () => {
    const message = synthErrors(zk => {
      zk.addSharedFile('a', 'x');
      zk.mainContainer.mount('/conf/', kplus.Volume.fromEmptyDir(zk, 'same', 'same'));
      zk.mainContainer.mount('/conf/sub', kplus.Volume.fromEmptyDir(zk, 'nested', 'nested'));
      zk.mainContainer.mount('/', kplus.Volume.fromEmptyDir(zk, 'parent', 'parent'));
      zk.mainContainer.mount('/confx', kplus.Volume.fromEmptyDir(zk, 'sibling', 'sibling'));
    });
    expect(message).toContain('\'configMountPath\' must not be, contain or lie under another mount of the main container, got \'/conf\', which overlaps \'/conf/\' (volume \'same\')');
    expect(message).toContain('which overlaps \'/conf/sub\' (volume \'nested\')');
    expect(message).toContain('which overlaps \'/\' (volume \'parent\')');
    expect(message).not.toContain('/confx');
  });

  test('reports every problem at once', () => {
    const message = synthErrors(zk => {
      zk.addSharedFile('a/b', 'x');
      zk.addOrdinalFile(9, 'myid', '1');
    });
    expect(message.split('\n- ')).toHaveLength(3);
  });

  test('fails when configMountPath is relative', () => {
    expect(() => zkApp({ configMountPath: 'conf' })).toThrow(
      /invalid OrderedStatefulAppProps:\n- 'configMountPath' must be an absolute path without '\.\.' and ':', got 'conf'/);
  });

  test('fails when the init image is not pinned', () => {
    expect(() => zkApp({ configInitImage: 'busybox' })).toThrow(
      '\'configInitImage\' must be pinned to a tag other than \'latest\' or to a digest, got \'busybox\', which has no tag, so every pull may bring another version');
  });

  test('fails when the init or wait image is malformed, even with unpinned images allowed', () => {
    expect(() => zkApp({ allowUnpinnedImages: true, configInitImage: 'Busybox', waitImage: 'bash:5.2.26 ' })).toThrow(
      /- 'configInitImage' must be an image reference .*, got 'Busybox', which .*\n- 'waitImage' must be an image reference .*, got 'bash:5.2.26 '/);
  });

  test('the init image can be replaced by a pinned mirror', () => {
    const { manifests } = configured({ configInitImage: 'registry.example.com/busybox:1.36.1' });
    expect(findContainer(stsOf(manifests).spec.template.spec, 'member-config', 'initContainers').image).toEqual('registry.example.com/busybox:1.36.1');
  });
});

describe('template files', () => {
  const template = MemberTemplate.of(MemberValue.text('myid='), MemberValue.ordinal(1), MemberValue.text('\nhost='), MemberValue.podFqdn(), MemberValue.text('\n'));

  test.each(['zk-0', 'zk-2', 'zk-7'])('%s computes its own content when it starts, also beyond the synthesized members', pod => {
    const { chart, zk } = zkApp({ namespace: 'data' });
    zk.addTemplateFile('id.cfg', template);
    const ordinal = Number(pod.split('-')[1]);
    expect(memberView(synth(chart), 'zk', pod, '/conf', 'data').files).toEqual({
      'id.cfg': `myid=${ordinal + 1}\nhost=${pod}.zk-headless.data.svc.cluster.local\n`,
    });
  });

  test('the ConfigMap holds the template as a readable recipe', () => {
    const { chart, zk } = zkApp();
    zk.addTemplateFile('id.cfg', template);
    expect(findObject(synth(chart), 'ConfigMap', 'zk-config').data['template.id.cfg'])
      .toEqual('text myid=\nordinal 1\nnewline\ntext host=\npod-fqdn\nnewline\n');
  });

  test('fails when a template has the name of another file, or includes a file some member lacks', () => {
    const message = synthErrors(zk => {
      zk.addSharedFile('a', 'x');
      zk.addTemplateFile('a', template);
      zk.addDefaultFile('b', 'x');
      zk.addTemplateFile('b', template);
      zk.addOrdinalFile(0, 'only-zk-0', 'x');
      zk.addTemplateFile('c', MemberTemplate.of(MemberValue.file('only-zk-0'), MemberValue.file('nowhere')));
    });
    expect(message).toContain('\'addTemplateFile.name\' must not be the name of a shared file, which every pod already sees, got \'a\'');
    expect(message).toContain('\'addDefaultFile.name\' must not be the name of a template file, which every pod computes for itself, got \'b\'');
    expect(message).toContain('\'addTemplateFile.template\' includes the file \'only-zk-0\', which must be a shared file, a default or a file of every member, got it in the template \'c\'');
    expect(message).toContain('includes the file \'nowhere\'');
  });

  test('fails when a template is empty or its offset is not an integer', () => {
    const message = synthErrors(zk => {
      zk.addTemplateFile('a', MemberTemplate.of());
      zk.addTemplateFile('b', MemberTemplate.of(MemberValue.ordinal(0.5)));
    });
    expect(message).toContain('\'addTemplateFile.template\' must have at least one part, got none');
    expect(message).toContain('\'addTemplateFile.template\' has an ordinal offset that must be an integer from -2147483647 to 2147483647, got 0.5');
  });
});

describe('scaling', () => {
  const template = (replicas: number, build: (zk: OrderedStatefulApp) => void) => {
    const { chart, zk } = zkApp({ replicas });
    build(zk);
    return stsOf(synth(chart)).spec.template;
  };
  const shared = (zk: OrderedStatefulApp) => {
    zk.addSharedFile('zoo.cfg', 'tickTime=2000\n');
    zk.addDefaultFile('role', 'replica');
    zk.addTemplateFile('myid', MemberTemplate.of(MemberValue.ordinal(1)));
    zk.mountFile('myid', '/data/myid');
  };

  test('with shared, default and template files, changing replicas leaves the pod template as it is', () => {
    expect(template(5, shared)).toEqual(template(3, shared));
  });

  test('the pod template does not grow with the number of members', () => {
    expect(JSON.stringify(template(1000, shared)).length).toEqual(JSON.stringify(template(3, shared)).length);
  });

  test('with per-member files, changing replicas rolls the members: every member file is in the checksum', () => {
    const perMember = (zk: OrderedStatefulApp) => zk.ordinals.forEach(o => zk.addOrdinalFile(o, 'myid', `${o + 1}\n`));
    expect(template(5, perMember).metadata.annotations[CHECKSUM]).not.toEqual(template(3, perMember).metadata.annotations[CHECKSUM]);
  });
});

describe('mountFile', () => {
  const withData = (build: (zk: OrderedStatefulApp) => void) => {
    const { chart, zk } = zkApp({ storage: { claims: [{ name: 'data', size: Size.gibibytes(1), mountPath: '/data' }] } });
    build(zk);
    return synth(chart);
  };

  test('a file appears read-only at its own path, after the volume it lies on', () => {
    const manifests = withData(zk => {
      zk.ordinals.forEach(o => zk.addOrdinalFile(o, 'myid', `${o + 1}\n`));
      zk.mountFile('myid', '/data/myid');
    });
    const main = findContainer(stsOf(manifests).spec.template.spec, 'zk');
    expect(main.volumeMounts).toEqual([
      { mountPath: '/conf', name: 'member-config', readOnly: true },
      { mountPath: '/data', name: 'data' },
      { mountPath: '/data/myid', name: 'member-config', subPath: 'myid', readOnly: true },
    ]);
    expect(memberView(manifests, 'zk', 'zk-1', '/data/myid').files).toEqual({ myid: '2\n' });
    expect(restrictedViolations(stsOf(manifests).spec.template.spec)).toEqual([]);
  });

  test('files can be mounted without a config directory', () => {
    const { chart, zk } = zkApp({ configMountPath: undefined });
    zk.addSharedFile('app.yaml', 'a: 1\n');
    zk.mountFile('app.yaml', '/etc/app/app.yaml');
    const manifests = synth(chart);
    expect(findContainer(stsOf(manifests).spec.template.spec, 'zk').volumeMounts).toEqual([
      { mountPath: '/etc/app/app.yaml', name: 'member-config', subPath: 'app.yaml', readOnly: true },
    ]);
    expect(memberView(manifests, 'zk', 'zk-0', '/etc/app/app.yaml').files).toEqual({ 'app.yaml': 'a: 1\n' });
  });

  test('a member that lacks a mounted file refuses to start, instead of seeing an empty directory there', () => {
    const manifests = withData(zk => {
      zk.addOrdinalFile(0, 'bootstrap.sql', 'x');
      zk.mountFile('bootstrap.sql', '/data/bootstrap.sql');
    });
    expect(memberView(manifests, 'zk', 'zk-1', '/conf').error).toEqual(
      'zk-1: refusing to start without the files bootstrap.sql, which the main container mounts\n');
  });

  test('the init container is told which files are mounted', () => {
    const manifests = withData(zk => {
      zk.addSharedFile('a', 'x');
      zk.mountFile('a', '/data/a');
      zk.mountFile('a', '/data/b');
    });
    expect(findContainer(stsOf(manifests).spec.template.spec, 'member-config', 'initContainers').env).toContainEqual({ name: 'MOUNTED_FILES', value: 'a' });
  });

  test('fails when the file does not exist, the path is relative, inside the config directory or taken', () => {
    const message = synthErrors(zk => {
      zk.addSharedFile('a', 'x');
      zk.mountFile('b', '/etc/b');
      zk.mountFile('a', 'etc/a');
      zk.mountFile('a', '/conf/a');
      zk.mountFile('a', '/tmp/');
      zk.mountFile('a', '/srv/a');
      zk.mountFile('a', '/srv//a/');
      zk.mainContainer.mount('/tmp', kplus.Volume.fromEmptyDir(zk, 'tmp', 'tmp'));
    });
    expect(message).toContain('\'mountFile.name\' must be the name of a config file (shared, per-member, default or template), got \'b\'; files: \'a\'');
    expect(message).toContain('\'mountFile.path\' must be an absolute path without \'..\' and \':\', got \'etc/a\'');
    expect(message).toContain('\'mountFile.path\' must lie outside the config directory \'/conf\', where the file already is, got \'/conf/a\'');
    expect(message).toContain('\'mountFile.path\' must not be the path of another mount, got \'/tmp/\', which volume \'tmp\' uses');
    expect(message).toContain('\'mountFile.path\' must not be the path of another mount, got \'/srv//a/\', which mountFile(\'a\') uses');
  });
});

describe('the config directory and the claims', () => {
  const claim = (mountPath: string) => ({ storage: { claims: [{ name: 'data', size: Size.gibibytes(1), mountPath }] } });

  test('fails when the config directory is a claim\'s mount path, or nested with it, compared as normalized paths', () => {
    for (const [configMountPath, claimPath] of [['/data', '/data/'], ['/data/conf', '/data'], ['/conf', '/conf/x']]) {
      expect(synthErrors(zk => zk.addSharedFile('a', 'x'), { configMountPath, ...claim(claimPath) })).toContain(
        `'configMountPath' must not be, contain or lie under another mount of the main container, got '${configMountPath}', which overlaps '${claimPath}' (claim 'data')`);
    }
  });
});

describe('file content', () => {
  test('fails when content is not valid Unicode, has NUL, or was decoded from bytes that are not UTF-8', () => {
    const message = synthErrors(zk => {
      zk.addSharedFile('a', 'a\uD800b');
      zk.addSharedFile('b', 'x\0y');
      zk.addDefaultFile('c', Buffer.from([0x61, 0xff, 0x62]).toString('utf-8'));
    });
    expect(message).toContain('\'addSharedFile.content\' must be valid Unicode text (it becomes UTF-8 in the YAML), got a lone surrogate at index 1, in the file \'a\'');
    expect(message).toContain('\'addSharedFile.content\' must not contain NUL characters, got one at index 1, in the file \'b\'');
    expect(message).toContain('\'addDefaultFile.content\' must be text that was read as UTF-8, got the replacement character U+FFFD at index 1, '
      + 'the mark of bytes that are not UTF-8: binary files cannot be config files, in the file \'c\'');
  });

  test('keys are ordered by code units, whatever the locale, so every machine computes the same checksum', () => {
    const { chart, zk } = zkApp();
    ['b', 'B', 'aa', '_a', 'A-'].forEach(name => zk.addSharedFile(name, name));
    expect(Object.keys(findObject(synth(chart), 'ConfigMap', 'zk-config').data))
      .toEqual(['members', 'shared.A-', 'shared.B', 'shared._a', 'shared.aa', 'shared.b']);
  });
});
