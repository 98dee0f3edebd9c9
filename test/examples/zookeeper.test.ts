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

  test('sees its own myid in the data directory, where ZooKeeper reads it, and starts without the image\'s entrypoint', () => {
    const main = findContainer(podSpec, 'zk');
    expect(main.command).toEqual(['zkServer.sh', 'start-foreground']);
    expect(main.volumeMounts).toContainEqual({ name: 'member-config', mountPath: '/data/myid', subPath: 'myid', readOnly: true });
    expect(memberView(manifests, 'zk', 'zk-2', '/data/myid').files).toEqual({ myid: '3\n' });
    expect(main.ports.map((p: { name: string }) => p.name)).toEqual(['client', 'quorum', 'election']);
  });

  test('the data volume is mounted before the file placed on it', () => {
    const paths = findContainer(podSpec, 'zk').volumeMounts.map((m: { mountPath: string }) => m.mountPath);
    expect(paths.indexOf('/data')).toBeLessThan(paths.indexOf('/data/myid'));
  });

  test('a member is Ready only while it serves, which its srvr answer says, not when it merely accepts connections', () => {
    expect(findContainer(podSpec, 'zk').readinessProbe).toEqual({
      exec: { command: ['bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/2181 && echo srvr >&3 && grep -q "^Mode: " <&3'] },
      failureThreshold: 3,
      periodSeconds: 10,
      timeoutSeconds: 3,
    });
  });

  test('runs as the numeric user 1000 with emptyDirs where the image writes', () => {
    const main = findContainer(podSpec, 'zk');
    expect(main.securityContext.runAsUser).toEqual(1000);
    expect(main.securityContext.readOnlyRootFilesystem).toEqual(true);
    expect(main.volumeMounts.map((m: { mountPath: string }) => m.mountPath).sort()).toEqual(['/conf', '/data', '/data/myid', '/datalog', '/logs', '/tmp']);
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

  testExampleOutput(manifests);
});
