import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Size, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { LiveStatefulSet, ManifestLinter, OrderedStatefulApp, OrderedStatefulAppProps, PodManagement } from '../src';
import { errorOf, IMAGE, selects } from './app-fixtures';
import { findObject, Manifest, newChart, schemaErrors, synth } from './util';

/** A StatefulSet written by hand: its own selector, Service name, policy and a claim template with labels. */
const LIVE = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'kv-store', namespace: 'shop' },
  spec: {
    replicas: 5,
    serviceName: 'kv-peers',
    podManagementPolicy: 'Parallel',
    selector: { matchLabels: { app: 'kv', tier: 'storage' } },
    template: {
      metadata: { labels: { app: 'kv', tier: 'storage', release: 'v1' } },
      spec: { containers: [{ name: 'kv', image: 'kv:1.0', ports: [{ name: 'client', containerPort: 7000 }] }] },
    },
    volumeClaimTemplates: [{
      metadata: { name: 'state', labels: { app: 'kv' } },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '5Gi' } } },
    }],
  },
};

const LIVE_YAML = Yaml.stringify(LIVE);

const STATE_CLAIM = { name: 'state', size: Size.gibibytes(5), storageClassName: 'fast', mountPath: '/var/lib/kv' };

function props(adopt: LiveStatefulSet, overrides: Partial<OrderedStatefulAppProps> = {}): OrderedStatefulAppProps {
  return {
    adopt,
    container: { image: IMAGE, ports: [{ name: 'client', number: 7000 }] },
    storage: { claims: [STATE_CLAIM] },
    ...overrides,
  };
}

/** The objects of the app `kv` adopting `adopt`, directly in the chart or nested in a construct `group`. */
function adopted(adopt: LiveStatefulSet, overrides: Partial<OrderedStatefulAppProps> = {}, nested = false): Manifest[] {
  const chart = newChart();
  new OrderedStatefulApp(nested ? new Construct(chart, 'group') : chart, 'kv', props(adopt, overrides));
  return synth(chart);
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'live-sts-'));
  tempDirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** The error of the app `kv` adopting `adopt`, which must refuse its props. */
function invalid(adopt: LiveStatefulSet, overrides: Partial<OrderedStatefulAppProps> = {}): string | undefined {
  const message = errorOf(() => new OrderedStatefulApp(newChart(), 'kv', props(adopt, overrides)));
  expect(message).toMatch(/^'test\/kv': invalid OrderedStatefulAppProps:\n- /);
  return message;
}

describe('adopting a live StatefulSet', () => {
  const manifests = adopted(LiveStatefulSet.fromYaml(LIVE_YAML));
  const sts = findObject(manifests, 'StatefulSet', 'kv-store');

  test('keeps the name, namespace, governing Service, exact selector, policy and replicas', () => {
    expect(sts.metadata.namespace).toBe('shop');
    expect(sts.spec.serviceName).toBe('kv-peers');
    expect(sts.spec.selector).toEqual({ matchLabels: { app: 'kv', tier: 'storage' } });
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
    expect(sts.spec.replicas).toBe(5);
  });

  test('writes the claim templates as they are live, labels included, as the API server stores them', () => {
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'state', labels: { app: 'kv' } },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '5Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    }]);
  });

  test('the pods keep every label of the live selector, and every selector the app writes is the live one', () => {
    expect(selects(sts.spec.selector.matchLabels, sts.spec.template.metadata.labels)).toBe(true);
    expect(findObject(manifests, 'Service', 'kv-peers').spec.selector).toEqual({ app: 'kv', tier: 'storage' });
    expect(findObject(manifests, 'PodDisruptionBudget', 'kv-store').spec.selector).toEqual({ matchLabels: { app: 'kv', tier: 'storage' } });
  });

  test('the governing Service is headless and keeps the members\' DNS names', () => {
    const service = findObject(manifests, 'Service', 'kv-peers');
    expect(service.metadata.namespace).toBe('shop');
    expect(service.spec.clusterIP).toBe('None');
  });

  test('the api server takes the output as an update of the live StatefulSet: no immutable field changes, no claim is left behind', () => {
    const findings = ManifestLinter.compare([LIVE], manifests);
    expect(findings.filter(f => ['immutable-field-changed', 'claims-abandoned'].includes(f.rule))).toEqual([]);
  });

  test('the output passes the Kubernetes 1.27 schema', () => {
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
  });

  test('a file, a List from kubectl and values by hand give the same YAML', () => {
    const list = Yaml.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kv-peers' } }, LIVE] });
    const byHand = LiveStatefulSet.of({
      name: 'kv-store',
      namespace: 'shop',
      serviceName: 'kv-peers',
      selector: { app: 'kv', tier: 'storage' },
      podManagement: PodManagement.PARALLEL,
      replicas: 5,
      claims: [{ name: 'state', size: Size.gibibytes(5), storageClassName: 'fast' }],
    });
    const expected = Yaml.stringify(...manifests);
    expect(Yaml.stringify(...adopted(LiveStatefulSet.fromFile(tempFile('live.yaml', LIVE_YAML))))).toBe(expected);
    expect(Yaml.stringify(...adopted(LiveStatefulSet.fromYaml(list)))).toBe(expected);
    // Written by hand, the claim template has no labels; everything else is the same.
    const handSts = findObject(adopted(byHand), 'StatefulSet', 'kv-store');
    expect({ ...handSts.spec, volumeClaimTemplates: undefined }).toEqual({ ...sts.spec, volumeClaimTemplates: undefined });
    expect(handSts.spec.volumeClaimTemplates).toEqual([{ ...sts.spec.volumeClaimTemplates[0], metadata: { name: 'state' } }]);
  });

  test('picks one of several StatefulSets by name and namespace', () => {
    const other = (name: string, namespace: string) => ({ ...LIVE, metadata: { name, namespace }, spec: { ...LIVE.spec, serviceName: `${name}-${namespace}`, replicas: 2 } });
    const several = Yaml.stringify(other('kv-cache', 'shop'), other('kv-store', 'test'), LIVE);
    const picked = findObject(adopted(LiveStatefulSet.fromYaml(several, { name: 'kv-store', namespace: 'shop' })), 'StatefulSet', 'kv-store');
    expect([picked.metadata.namespace, picked.spec.serviceName, picked.spec.replicas]).toEqual(['shop', 'kv-peers', 5]);
  });

  test('replicas set on the app scale the adopted StatefulSet', () => {
    expect(findObject(adopted(LiveStatefulSet.fromYaml(LIVE_YAML), { replicas: 7 }), 'StatefulSet', 'kv-store').spec.replicas).toBe(7);
  });

  test('moving the app in the construct tree changes nothing in the YAML', () => {
    expect(Yaml.stringify(...adopted(LiveStatefulSet.fromYaml(LIVE_YAML), {}, true)))
      .toBe(Yaml.stringify(...manifests));
  });

  test('a chart namespace equal to the live one is accepted, and every object is in it', () => {
    const chart = newChart('shop');
    new OrderedStatefulApp(chart, 'kv', props(LiveStatefulSet.fromYaml(LIVE_YAML)));
    const objects = synth(chart);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['PodDisruptionBudget/kv-store', 'Service/kv-peers', 'StatefulSet/kv-store']);
    expect(objects.map(o => o.metadata.namespace)).toEqual(['shop', 'shop', 'shop']);
  });
});

describe('adopting a live StatefulSet: what cannot be kept', () => {
  const live = LiveStatefulSet.fromYaml(LIVE_YAML);

  test('fails when the name differs, naming the live and the new name and the claims that would be left behind', () => {
    expect(invalid(live, { name: 'kv' })).toContain("- 'name' must keep metadata.name of the live StatefulSet shop/kv-store in the YAML given: "
      + "live 'kv-store', new 'kv'; a StatefulSet cannot be renamed: the new one's members would start on new, empty claims (state-kv-0, ...) "
      + "while the live members' claims (state-kv-store-0, ...) keep the data unmounted; leave 'name' unset (it defaults to the live name) or set it to 'kv-store'");
  });

  test('fails when the namespace differs', () => {
    expect(invalid(live, { namespace: 'other' })).toContain("- 'namespace' must keep metadata.namespace of the live StatefulSet shop/kv-store in the YAML given: "
      + "live 'shop', new 'other'");
  });

  test('fails when the chart\'s namespace differs', () => {
    const message = errorOf(() => new OrderedStatefulApp(newChart('other'), 'kv', props(live)));
    expect(message).toContain("- 'namespace' must keep metadata.namespace of the live StatefulSet shop/kv-store in the YAML given: live 'shop', new 'other'");
  });

  test('fails when serviceName, podManagement or startOrdinal differ, all at once', () => {
    const message = invalid(live, { serviceName: 'kv-headless', podManagement: PodManagement.ORDERED_READY, startOrdinal: 1 });
    expect(message).toContain("- 'serviceName' must keep spec.serviceName of the live StatefulSet shop/kv-store in the YAML given: live 'kv-peers', new 'kv-headless'; "
      + "a live StatefulSet cannot change it, and every member's DNS name is under it");
    expect(message).toContain("- 'podManagement' must keep spec.podManagementPolicy of the live StatefulSet shop/kv-store in the YAML given: "
      + "live 'Parallel', new 'OrderedReady'; a live StatefulSet cannot change it; leave 'podManagement' unset (it defaults to the live one), "
      + "or replace the StatefulSet and keep its members: 'kubectl delete statefulset kv-store --cascade=orphan', then apply");
    expect(message).toContain("- 'startOrdinal' must keep spec.ordinals.start of the live StatefulSet shop/kv-store in the YAML given: live 0, new 1");
  });

  test('fails when a live claim template is not among the claims', () => {
    expect(invalid(live, { storage: undefined })).toContain("- 'storage' must keep the claim template 'state' of the live StatefulSet shop/kv-store "
      + "in the YAML given (5Gi, ReadWriteOnce, storage class 'fast'): a live StatefulSet cannot change its claim templates, and each member's data "
      + 'is in its claim (state-kv-store-0 and the others)');
  });

  test('fails when a claim is not a live claim template', () => {
    const extra = { name: 'logs', size: Size.gibibytes(1), mountPath: '/logs' };
    expect(invalid(live, { storage: { claims: [STATE_CLAIM, extra] } })).toContain("- 'storage.claims[1].name' must name a claim template of the live "
      + "StatefulSet shop/kv-store in the YAML given, which has 'state', got 'logs': a live StatefulSet cannot change its claim templates");
  });

  test('fails when a claim\'s size, storage class, access modes or volume mode differ, each with the live value', () => {
    const message = invalid(live, {
      storage: {
        claims: [{
          ...STATE_CLAIM,
          size: Size.gibibytes(10),
          storageClassName: undefined,
          accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD],
          volumeMode: kplus.PersistentVolumeMode.BLOCK,
        }],
      },
    });
    expect(message).toContain("- 'storage.claims[0].size' must keep the size of claim template 'state' of the live StatefulSet shop/kv-store "
      + "in the YAML given: live '5Gi', new '10Gi'; a live StatefulSet cannot change its claim templates; keep the size and resize each member's claim");
    expect(message).toContain("- 'storage.claims[0].storageClassName' must keep the storage class of claim template 'state' of the live "
      + "StatefulSet shop/kv-store in the YAML given: live 'fast', new null");
    expect(message).toContain("- 'storage.claims[0].accessModes' must keep the access modes of claim template 'state' of the live "
      + 'StatefulSet shop/kv-store in the YAML given: live ["ReadWriteOnce"], new ["ReadWriteOncePod"]');
    expect(message).toContain("- 'storage.claims[0].volumeMode' must keep the volume mode of claim template 'state' of the live "
      + "StatefulSet shop/kv-store in the YAML given: live 'Filesystem', new 'Block'");
  });

  test('fails when a label sets a key of the live selector', () => {
    expect(invalid(live, { labels: { tier: 'cache' } })).toContain("- 'labels.tier' cannot be set: the library owns the selector label 'tier', got 'cache'");
  });
});

describe('adopting a live StatefulSet: a manifest that cannot be read', () => {
  test('fails on a file that is not valid YAML, naming the file, line and column', () => {
    const file = tempFile('broken.yaml', 'kind: StatefulSet\nmetadata:\n  name: [kv\n');
    expect(invalid(LiveStatefulSet.fromFile(file))).toMatch(new RegExp(`- 'adopt' file '${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' is not valid YAML: .*\\(line \\d+, column \\d+\\)`));
  });

  test('fails on a file that cannot be read', () => {
    expect(invalid(LiveStatefulSet.fromFile('/nonexistent/live.yaml'))).toContain("- 'adopt' cannot read file '/nonexistent/live.yaml': ENOENT");
  });

  test('fails on a manifest without a StatefulSet, listing what it holds', () => {
    const services = Yaml.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kv-peers', namespace: 'shop' } });
    expect(invalid(LiveStatefulSet.fromYaml(services))).toContain("- 'adopt' the YAML given holds no StatefulSet: it holds Service shop/kv-peers; "
      + 'give the manifest of the StatefulSet that runs today');
  });

  test('fails on a manifest without the StatefulSet named', () => {
    expect(invalid(LiveStatefulSet.fromYaml(LIVE_YAML, { name: 'kv' }))).toContain("- 'adopt' the YAML given holds no StatefulSet named kv: "
      + 'it holds StatefulSet shop/kv-store');
  });

  test('fails on a manifest with several StatefulSets, naming them and the options that pick one', () => {
    const other = { ...LIVE, metadata: { name: 'kv-cache', namespace: 'shop' } };
    expect(invalid(LiveStatefulSet.fromYaml(Yaml.stringify(other, LIVE)))).toContain("- 'adopt' the YAML given holds 2 StatefulSets, "
      + "StatefulSet shop/kv-cache, StatefulSet shop/kv-store: pick one with the options 'name' and 'namespace' of LiveStatefulSet.fromFile or fromYaml");
  });

  test('fails on a selector with matchExpressions, and on a StatefulSet without serviceName, naming the object and the field', () => {
    const odd = { ...LIVE, spec: { ...LIVE.spec, serviceName: undefined, selector: { ...LIVE.spec.selector, matchExpressions: [{ key: 'app', operator: 'Exists' }] } } };
    const message = invalid(LiveStatefulSet.fromYaml(Yaml.stringify(odd)));
    expect(message).toContain("- 'adopt' StatefulSet shop/kv-store in the YAML given: spec.selector.matchExpressions cannot be kept: "
      + 'the app selects its members by labels (matchLabels) only');
    expect(message).toContain("- 'adopt' StatefulSet shop/kv-store in the YAML given: spec.serviceName must be set");
  });
});

describe('adopting a live StatefulSet given by hand', () => {
  test('fails on a selector without labels or with a label that is not one, and on a name that is no StatefulSet name', () => {
    const message = invalid(LiveStatefulSet.of({
      name: 'Kv_Store',
      serviceName: 'kv-peers',
      selector: { 'bad key!': 'kv' },
      claims: [{ name: 'state', size: Size.gibibytes(5), storageClassName: 'fast' }],
    }));
    expect(message).toContain("- 'adopt' StatefulSet Kv_Store: spec.selector.matchLabels must hold label keys and values");
    expect(message).toContain("got 'bad key!': 'kv'");
    expect(message).toContain("- 'name' must be a DNS-1123 label");
    expect(message).toContain("got 'Kv_Store' (the adopted StatefulSet's)");
    expect(invalid(LiveStatefulSet.of({ name: 'kv', serviceName: 'kv-peers', selector: {} }), { storage: undefined }))
      .toContain("- 'adopt' StatefulSet kv: spec.selector.matchLabels must have at least one label, got {}");
  });
});
