import { Testing } from 'cdk8s';
import { MySqlChart } from '../../examples/mysql/main';
import { findContainer, findObject, memberView, restrictedViolations, synth } from '../util';
import { testExampleOutput } from './output';

describe('examples/mysql', () => {
  const chart = new MySqlChart(Testing.app(), 'mysql');
  const manifests = synth(chart);
  const sts = findObject(manifests, 'StatefulSet', 'mysql');
  const podSpec = sts.spec.template.spec;
  const conf = (pod: string) => memberView(manifests, 'mysql', pod, '/etc/mysql/conf.d');

  test('is a primary and two replicas', () => {
    expect(sts.spec.replicas).toEqual(3);
    expect(chart.topology.primaryPodName).toEqual('mysql-0');
  });

  test.each([['mysql-0', 100], ['mysql-1', 101], ['mysql-2', 102]])('%s has server-id %i', (pod, id) => {
    expect(conf(pod).files['server-id.cnf']).toEqual(`[mysqld]\nserver-id=${id}\n`);
  });

  test('the primary gets the primary settings, the replicas read-only ones', () => {
    expect(conf('mysql-0').files['role.cnf']).toEqual('[mysqld]\nread-only=OFF\n');
    expect(conf('mysql-1').files['role.cnf']).toEqual('[mysqld]\nread-only=ON\nrelay-log=mysql-relay\n');
    expect(conf('mysql-2').files.role).toEqual('replica\n');
  });

  test('every member shares the GTID replication settings', () => {
    for (const pod of ['mysql-0', 'mysql-1', 'mysql-2']) {
      expect(conf(pod).files['replication.cnf']).toContain('gtid-mode=ON\n');
    }
  });

  test('a pod added by scaling joins as a replica with a server-id of its own', () => {
    expect(conf('mysql-3').files).toEqual({
      'replication.cnf': expect.any(String),
      'role': 'replica\n',
      'role.cnf': expect.stringContaining('read-only=ON'),
      'server-id.cnf': '[mysqld]\nserver-id=103\n',
    });
  });

  test('writes go to mysql-primary, reads to mysql-read', () => {
    const primary = findObject(manifests, 'Service', 'mysql-primary');
    const read = findObject(manifests, 'Service', 'mysql-read');
    expect(primary.spec.selector['statefulset.kubernetes.io/pod-name']).toEqual('mysql-0');
    expect(read.spec.selector).toEqual({ 'app.kubernetes.io/instance': 'mysql', 'app.kubernetes.io/name': 'mysql' });
    expect(primary.spec.ports).toEqual([{ name: 'mysql', port: 3306, targetPort: 3306 }]);
  });

  test('the root password comes from the Secret the user creates, never from the code', () => {
    const main = findContainer(podSpec, 'mysql');
    expect(main.env).toContainEqual({
      name: 'MYSQL_ROOT_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'mysql-credentials', key: 'root-password' } },
    });
    expect(manifests.filter(m => m.kind === 'Secret')).toEqual([]);
  });

  test('runs as the numeric user 999 with emptyDirs where the image writes', () => {
    const main = findContainer(podSpec, 'mysql');
    expect(main.securityContext.runAsUser).toEqual(999);
    expect(main.volumeMounts.map((m: { mountPath: string }) => m.mountPath))
      .toEqual(['/var/lib/mysql', '/var/run/mysqld', '/tmp', '/etc/mysql/conf.d']);
  });

  test('passes the restricted Pod Security Standard', () => {
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  // The credentials Secret is created outside this YAML on purpose; the example accepts that finding.
  testExampleOutput(manifests, ['accepted secret-missing StatefulSet/default/mysql']);
});
