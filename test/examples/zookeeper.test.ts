import { Testing } from 'cdk8s';
import { ZooKeeperChart } from '../../examples/zookeeper/main';
import { findContainer, findObject, memberView, restrictedViolations, synth } from '../util';
import { testExampleOutput } from './output';

describe('examples/zookeeper', () => {
  const chart = new ZooKeeperChart(Testing.app(), 'zookeeper');
  const manifests = synth(chart);
  const sts = findObject(manifests, 'StatefulSet', 'zk');
  const podSpec = sts.spec.template.spec;

  test('is a three-member ensemble with a quorum of two, started in parallel', () => {
    expect(sts.spec.replicas).toEqual(3);
    expect(sts.spec.podManagementPolicy).toEqual('Parallel');
    expect(chart.quorum.quorumSize).toEqual(2);
  });

  test.each([['zk-0', '1\n'], ['zk-1', '2\n'], ['zk-2', '3\n']])('%s sees myid %s and zoo.cfg listing every member', (pod, myid) => {
    const files = memberView(manifests, 'zk', pod, '/conf').files;
    expect(Object.keys(files)).toEqual(['logback.xml', 'myid', 'zoo.cfg']);
    expect(files.myid).toEqual(myid);
    expect(files['zoo.cfg']).toContain('dataDir=/data\n');
    expect(files['zoo.cfg']).toContain('server.1=zk-0.zk-headless:2888:3888\n'
      + 'server.2=zk-1.zk-headless:2888:3888\n'
      + 'server.3=zk-2.zk-headless:2888:3888\n');
  });

  test('a fourth pod added by scaling refuses to start instead of joining without an id', () => {
    expect(memberView(manifests, 'zk', 'zk-3', '/conf').error).toContain('zk-3: refusing to start without the files myid,');
  });

  test('copies myid into the data directory, where ZooKeeper reads it, before starting in the foreground', () => {
    const main = findContainer(podSpec, 'zk');
    expect(main.command).toEqual(['bash', '-c', 'cp /conf/myid /data/myid && exec zkServer.sh start-foreground']);
    expect(main.ports.map((p: { name: string }) => p.name)).toEqual(['client', 'quorum', 'election']);
  });

  test('runs as the numeric user 1000 with emptyDirs where the image writes', () => {
    const main = findContainer(podSpec, 'zk');
    expect(main.securityContext.runAsUser).toEqual(1000);
    expect(main.securityContext.readOnlyRootFilesystem).toEqual(true);
    expect(main.volumeMounts.map((m: { mountPath: string }) => m.mountPath).sort()).toEqual(['/conf', '/data', '/datalog', '/logs', '/tmp']);
    expect(sts.spec.volumeClaimTemplates.map((c: { metadata: { name: string } }) => c.metadata.name)).toEqual(['data']);
  });

  test('clients reach the ensemble through zk-client on 2181', () => {
    const client = findObject(manifests, 'Service', 'zk-client');
    expect(client.spec.ports).toEqual([{ name: 'client', port: 2181, targetPort: 2181 }]);
    expect(client.spec.selector).toEqual({ 'app.kubernetes.io/instance': 'zk', 'app.kubernetes.io/name': 'zk' });
  });

  test('passes the restricted Pod Security Standard', () => {
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  // The library writes empty externalIPs lists and claim templates without apiVersion and kind
  // (gitops-drift), and budgets without unhealthyPodEvictionPolicy (pdb-eviction-policy-unset).
  testExampleOutput(manifests, [
    'warning gitops-drift Service/default/zk-headless',
    'warning gitops-drift StatefulSet/default/zk',
    'warning gitops-drift Service/default/zk-client',
    'warning pdb-eviction-policy-unset PodDisruptionBudget/default/zk',
  ]);
});
