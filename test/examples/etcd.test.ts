import { Testing } from 'cdk8s';
import { EtcdChart } from '../../examples/etcd/main';
import { findContainer, findObject, indexOf, restrictedViolations, synth } from '../util';
import { testExampleOutput } from './output';

describe('examples/etcd', () => {
  const chart = new EtcdChart(Testing.app(), 'etcd', { namespace: 'db' });
  const manifests = synth(chart);
  const sts = findObject(manifests, 'StatefulSet', 'etcd');
  const podSpec = sts.spec.template.spec;
  const etcd = findContainer(podSpec, 'etcd');

  test('three members bootstrap in parallel', () => {
    expect(sts.spec.replicas).toEqual(3);
    expect(sts.spec.podManagementPolicy).toEqual('Parallel');
  });

  test('every member takes its name and URLs from POD_NAME, without a shell', () => {
    expect(etcd.command).toEqual(['/usr/local/bin/etcd']);
    expect(etcd.env).toContainEqual({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
    expect(etcd.args).toEqual(expect.arrayContaining([
      '--name=$(POD_NAME)',
      '--initial-advertise-peer-urls=http://$(POD_FQDN):2380',
      '--advertise-client-urls=http://$(POD_FQDN):2379',
      '--initial-cluster-state=new',
    ]));
  });

  test('the initial cluster lists every member by its DNS name', () => {
    const expected = chart.etcd.ordinals.map((o, i) => `etcd-${o}=http://${chart.etcd.peerFqdns()[i]}:2380`).join(',');
    expect(etcd.args).toContain(`--initial-cluster=${expected}`);
    expect(expected).toEqual('etcd-0=http://etcd-0.etcd-headless.db.svc.cluster.local:2380,'
      + 'etcd-1=http://etcd-1.etcd-headless.db.svc.cluster.local:2380,'
      + 'etcd-2=http://etcd-2.etcd-headless.db.svc.cluster.local:2380');
  });

  test('runs a pinned image as a numeric non-root user, with its data on a group-writable volume', () => {
    expect(etcd.image).toEqual('gcr.io/etcd-development/etcd:v3.5.9');
    expect(etcd.securityContext).toMatchObject({ runAsUser: 65532, runAsGroup: 65532, runAsNonRoot: true });
    expect(podSpec.securityContext).toMatchObject({ fsGroup: 65532, fsGroupChangePolicy: 'OnRootMismatch' });
    expect(etcd.volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/etcd' }]);
    expect(etcd.args).toContain('--data-dir=/var/lib/etcd/data');
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toEqual('1Gi');
  });

  test('claims stay when the cluster is deleted and go when a member is scaled away', () => {
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Delete' });
  });

  test('no two members share a node', () => {
    const required = podSpec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    expect(required).toEqual([{ labelSelector: { matchLabels: chart.etcd.selectorLabels }, topologyKey: 'kubernetes.io/hostname' }]);
  });

  test('evictions keep the quorum of two', () => {
    expect(findObject(manifests, 'PodDisruptionBudget', 'etcd').spec.maxUnavailable).toEqual(1);
  });

  test('clients use the client port of the Service etcd, and only the frontend may connect', () => {
    expect(findObject(manifests, 'Service', 'etcd').spec.ports).toEqual([{ name: 'client', port: 2379, targetPort: 2379 }]);
    const policy = findObject(manifests, 'NetworkPolicy', 'etcd');
    expect(policy.spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: chart.etcd.selectorLabels } }], ports: [{ port: 2380, protocol: 'TCP' }] },
      { from: [{ podSelector: { matchLabels: chart.frontend.selectorLabels } }], ports: [{ port: 2379, protocol: 'TCP' }] },
    ]);
  });

  test('the frontend waits for etcd and comes after it in the YAML', () => {
    const frontend = findObject(manifests, 'StatefulSet', 'frontend');
    const wait = findContainer(frontend.spec.template.spec, 'wait-for-etcd', 'initContainers');
    expect(wait.env).toContainEqual({ name: 'WAIT_HOSTS', value: 'etcd-0.etcd-headless.db.svc.cluster.local' });
    expect(indexOf(manifests, 'StatefulSet', 'etcd')).toBeLessThan(indexOf(manifests, 'Service', 'frontend-headless'));
  });

  test('every pod passes the restricted Pod Security Standard', () => {
    for (const name of ['etcd', 'frontend']) {
      expect(restrictedViolations(findObject(manifests, 'StatefulSet', name).spec.template.spec)).toEqual([]);
    }
  });

  // The library writes empty externalIPs lists and claim templates without apiVersion and kind
  // (gitops-drift), and budgets without unhealthyPodEvictionPolicy (pdb-eviction-policy-unset).
  testExampleOutput(manifests, [
    'warning gitops-drift Service/db/etcd-headless',
    'warning gitops-drift StatefulSet/db/etcd',
    'warning gitops-drift Service/db/etcd',
    'warning pdb-eviction-policy-unset PodDisruptionBudget/db/etcd',
    'warning gitops-drift Service/db/frontend-headless',
    'warning gitops-drift Service/db/frontend',
    'warning pdb-eviction-policy-unset PodDisruptionBudget/db/frontend',
  ]);
});
