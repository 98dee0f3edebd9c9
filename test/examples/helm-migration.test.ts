import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import { EtcdFromHelm, LIVE, RedisFromHelm, ZooKeeperFromHelm } from '../../examples/helm-migration/main';
import { ZooKeeperChart } from '../../examples/zookeeper/main';
import { LiveStatefulSet, ManifestLinter } from '../../src';
import { main } from '../../src/lint/cli';
import { findAll, findObject, Manifest, synth } from '../util';
import { testExampleOutput } from './output';
import { captureIo } from '../lint/util';

/** The Helm renders of the Bitnami charts: what runs today, before the switch. */
const RENDERS = path.join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'helm-renders');

function renderPath(chart: string): string {
  return path.join(RENDERS, `${chart}.yaml`);
}

function render(chart: string): Manifest[] {
  return ManifestLinter.parseYaml(fs.readFileSync(renderPath(chart), 'utf-8'));
}

interface Case {
  readonly chart: string;
  /** The takeover, built from the render file or from the example's values by hand. */
  readonly build: (fromFile: boolean) => Chart;
  /** The claims each live StatefulSet's members have today, by StatefulSet name. */
  readonly claims: { [statefulSet: string]: string[] };
  /** What the linter reports of the output and accepts. */
  readonly accepted: string[];
}

const CASES: Case[] = [
  {
    chart: 'zookeeper',
    build: f => new ZooKeeperFromHelm(Testing.app(), 'zookeeper', f ? LiveStatefulSet.fromFile(renderPath('zookeeper')) : LIVE.zookeeper),
    claims: { 'zk-zookeeper': ['data-zk-zookeeper-0', 'data-zk-zookeeper-1', 'data-zk-zookeeper-2'] },
    accepted: [],
  },
  {
    chart: 'redis',
    build: f => new RedisFromHelm(Testing.app(), 'redis',
      f ? LiveStatefulSet.fromFile(renderPath('redis'), { name: 'redis-master' }) : LIVE.redisMaster,
      f ? LiveStatefulSet.fromFile(renderPath('redis'), { name: 'redis-replicas' }) : LIVE.redisReplicas),
    claims: {
      'redis-master': ['redis-data-redis-master-0'],
      'redis-replicas': ['redis-data-redis-replicas-0', 'redis-data-redis-replicas-1', 'redis-data-redis-replicas-2'],
    },
    accepted: ['accepted secret-missing StatefulSet/demo/redis-master', 'accepted secret-missing StatefulSet/demo/redis-replicas'],
  },
  {
    chart: 'etcd',
    build: f => new EtcdFromHelm(Testing.app(), 'etcd', f ? LiveStatefulSet.fromFile(renderPath('etcd')) : LIVE.etcd),
    claims: { etcd: ['data-etcd-0', 'data-etcd-1', 'data-etcd-2'] },
    accepted: [],
  },
];

/** `cdk8s-stateful plan --previous <render> <output>`, as the command line prints it. */
function planText(chart: string, manifests: Manifest[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-migration-'));
  try {
    const output = path.join(dir, `${chart}.k8s.yaml`);
    Yaml.save(output, manifests);
    const io = captureIo();
    const code = main(['plan', '--previous', renderPath(chart), output], io.io);
    expect(io.stderr()).toBe('');
    expect(code).toBe(0);
    return io.stdout();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(CASES)('examples/helm-migration: $chart', ({ chart, build, claims, accepted }) => {
  const manifests = synth(build(false));
  const previous = render(chart);
  const previousSets = findAll(previous, 'StatefulSet');

  test('the values by hand and the render file give the same YAML', () => {
    expect(Yaml.stringify(...synth(build(true)))).toBe(Yaml.stringify(...manifests));
  });

  test('every live StatefulSet is updated in place: same name, namespace, selector, governing Service, policy and claim templates', () => {
    for (const old of previousSets) {
      const sts = findObject(manifests, 'StatefulSet', old.metadata.name);
      expect(sts.metadata.namespace).toBe(old.metadata.namespace);
      expect(sts.spec.selector).toEqual(old.spec.selector);
      expect(sts.spec.serviceName).toBe(old.spec.serviceName);
      expect(sts.spec.podManagementPolicy ?? 'OrderedReady').toBe(old.spec.podManagementPolicy ?? 'OrderedReady');
      expect(sts.spec.volumeClaimTemplates.map((t: Manifest) => [t.metadata, t.spec.resources, t.spec.accessModes]))
        .toEqual(old.spec.volumeClaimTemplates.map((t: Manifest) => [t.metadata, t.spec.resources, t.spec.accessModes]));
    }
    expect(findAll(manifests, 'StatefulSet')).toHaveLength(previousSets.length);
  });

  test('each live headless Service keeps its name and selects every member of the live selectors', () => {
    for (const serviceName of new Set(previousSets.map(old => old.spec.serviceName))) {
      const service = findObject(manifests, 'Service', serviceName);
      expect(service.spec.clusterIP).toBe('None');
      expect(service.spec.selector).toEqual(findObject(previous, 'Service', serviceName).spec.selector);
    }
  });

  test('lint --previous finds no change the API server rejects and no claim left behind', () => {
    expect(ManifestLinter.compare(previous, manifests)).toEqual([]);
  });

  test('the plan creates and deletes no StatefulSet, rejects nothing, and every member keeps its claims', () => {
    const text = planText(chart, manifests);
    expect(text).not.toMatch(/: (created|deleted|renamed)$|rejected|error:/m);
    expect(previousSets.map(old => old.metadata.name).sort()).toEqual(Object.keys(claims).sort());
    for (const old of previousSets) {
      expect(text).toContain(`statefulset ${old.metadata.namespace}/${old.metadata.name}: changed\n  update: in place, with a rolling restart (below)\n`
        + `  claims: every member keeps its own: ${claims[old.metadata.name].join(', ')}\n`);
    }
  });

  test('the guide shows the plan the command line prints', () => {
    const guide = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'migrating-from-helm.md'), 'utf-8');
    const shown = new RegExp(`<!-- plan: ${chart} -->\n\`\`\`\n([^]*?)\`\`\`\n`).exec(guide);
    expect(shown?.[1]).toBe(planText(chart, manifests));
  });

  testExampleOutput(manifests, accepted);
});

describe('examples/helm-migration: what the takeover of the examples would lose', () => {
  test('examples/zookeeper over the zookeeper render renames the StatefulSet: the plan and lint say the members lose their data', () => {
    // GIVEN the ZooKeeper example as it is, without adopting the live StatefulSet
    const manifests = synth(new ZooKeeperChart(Testing.app(), 'zookeeper', { namespace: 'demo' }));
    // WHEN
    const text = planText('zookeeper', manifests);
    // THEN
    expect(text).toContain('statefulset demo/zk: replaces demo/zk-zookeeper, the same app under another name\n'
      + '  error: zk-0, zk-1, zk-2 would start on new, empty claims (data-zk-0, data-zk-1, data-zk-2) while the claims with their data stay unmounted: '
      + 'data-zk-zookeeper-0, data-zk-zookeeper-1, data-zk-zookeeper-2');
    expect(ManifestLinter.compare(render('zookeeper'), manifests).map(f => `${f.severity} ${f.rule} ${f.object}`))
      .toContain('error claims-abandoned StatefulSet/demo/zk');
  });
});
