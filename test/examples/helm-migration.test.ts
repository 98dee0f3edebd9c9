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

/** The Helm renders of the Bitnami charts: what runs today, before the switch. */
const RENDERS = path.join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'helm-renders');

function renderPath(chart: string): string {
  return path.join(RENDERS, `${chart}.yaml`);
}

function render(chart: string): Manifest[] {
  return ManifestLinter.parseYaml(fs.readFileSync(renderPath(chart), 'utf-8'));
}

/** Each chart's takeover, built from the render file and from the example's values by hand. */
const CASES: Array<{ chart: string; build: (fromFile: boolean) => Chart }> = [
  { chart: 'zookeeper', build: f => new ZooKeeperFromHelm(Testing.app(), 'zookeeper', f ? LiveStatefulSet.fromFile(renderPath('zookeeper')) : LIVE.zookeeper) },
  {
    chart: 'redis',
    build: f => new RedisFromHelm(Testing.app(), 'redis',
      f ? LiveStatefulSet.fromFile(renderPath('redis'), { name: 'redis-master' }) : LIVE.redisMaster,
      f ? LiveStatefulSet.fromFile(renderPath('redis'), { name: 'redis-replicas' }) : LIVE.redisReplicas),
  },
  { chart: 'etcd', build: f => new EtcdFromHelm(Testing.app(), 'etcd', f ? LiveStatefulSet.fromFile(renderPath('etcd')) : LIVE.etcd) },
];

/** `cdk8s-stateful plan --previous <render> <output>`, as the command line prints it. */
function planText(chart: string, manifests: Manifest[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-migration-'));
  const output = path.join(dir, `${chart}.k8s.yaml`);
  Yaml.save(output, manifests);
  let text = '';
  const code = main(['plan', '--previous', renderPath(chart), output], { stdout: { write: t => text += t }, stderr: { write: t => text += t } });
  fs.rmSync(dir, { recursive: true });
  expect(code).toBe(0);
  return text;
}

describe.each(CASES)('examples/helm-migration: $chart', ({ chart, build }) => {
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

  test('the live headless Service keeps its name and selects every member of the live selectors', () => {
    const service = findObject(manifests, 'Service', previousSets[0].spec.serviceName);
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.selector).toEqual(findObject(previous, 'Service', previousSets[0].spec.serviceName).spec.selector);
  });

  test('lint --previous finds no change the API server rejects and no claim left behind', () => {
    expect(ManifestLinter.compare(previous, manifests)).toEqual([]);
  });

  test('the plan creates and deletes no StatefulSet, rejects nothing, and every member keeps its claims', () => {
    const text = planText(chart, manifests);
    expect(text).not.toMatch(/: (created|deleted|renamed)$|rejected|error:/m);
    for (const old of previousSets) {
      const claims = Array.from({ length: old.spec.replicas ?? 1 }, (_, o) => `${old.spec.volumeClaimTemplates[0].metadata.name}-${old.metadata.name}-${o}`);
      expect(text).toContain(`statefulset ${old.metadata.namespace}/${old.metadata.name}: changed\n  update: in place, with a rolling restart (below)\n`
        + `  claims: every member keeps its own: ${claims.join(', ')}\n`);
    }
  });

  test('the guide shows the plan the command line prints', () => {
    const guide = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'migrating-from-helm.md'), 'utf-8');
    const shown = new RegExp(`<!-- plan: ${chart} -->\n\`\`\`\n([^]*?)\`\`\`\n`).exec(guide);
    expect(shown?.[1]).toBe(planText(chart, manifests));
  });

  testExampleOutput(manifests, chart === 'redis'
    ? ['accepted secret-missing StatefulSet/demo/redis-master', 'accepted secret-missing StatefulSet/demo/redis-replicas'] : []);
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
