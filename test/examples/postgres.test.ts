import { Testing } from 'cdk8s';
import { CREDENTIALS_SECRET, PostgresChart } from '../../examples/postgres/main';
import { findContainer, findObject, memberView, restrictedViolations, synth } from '../util';
import { testExampleOutput } from './output';

describe('examples/postgres', () => {
  const chart = new PostgresChart(Testing.app(), 'postgres');
  const manifests = synth(chart);
  const sts = findObject(manifests, 'StatefulSet', 'postgres');
  const podSpec = sts.spec.template.spec;
  const main = findContainer(podSpec, 'postgres');
  const files = (pod: string) => memberView(manifests, 'postgres', pod, '/etc/postgresql').files;

  test('is a primary and two replicas, started in order', () => {
    expect(sts.spec.replicas).toEqual(3);
    expect(sts.spec.podManagementPolicy).toEqual('OrderedReady');
    expect(chart.topology.primaryPodName).toEqual('postgres-0');
  });

  test('every member sources its clone step, then runs the image\'s entrypoint with the config file of the config mount', () => {
    expect(main.command).toEqual(['bash', '-c',
      '. /etc/postgresql/clone.sh && exec docker-entrypoint.sh postgres -c config_file=/etc/postgresql/postgresql.conf']);
    expect(files('postgres-1')['postgresql.conf']).toEqual("listen_addresses = '*'\nhba_file = '/etc/postgresql/pg_hba.conf'\ninclude = 'standby.conf'\n");
  });

  test('the primary clones nothing: the entrypoint initializes it and creates the role replicator', () => {
    expect(files('postgres-0')['clone.sh']).toEqual('# the primary: the entrypoint initializes its data directory\n');
    expect(main.volumeMounts).toContainEqual({
      name: 'member-config', mountPath: '/docker-entrypoint-initdb.d/replicator.sh', subPath: 'replicator.sh', readOnly: true,
    });
    expect(files('postgres-0')['replicator.sh']).toContain("CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password'");
  });

  test.each(['postgres-1', 'postgres-2', 'postgres-3'])('%s clones the primary by its stable DNS name on its first start, creating its own slot', pod => {
    const clone = files(pod)['clone.sh'];
    expect(clone).toContain('if [ ! -s "$PGDATA/PG_VERSION" ]; then\n');
    expect(clone).toContain('pg_basebackup --host=postgres-0.postgres-headless --username=replicator');
    expect(clone).toContain('--slot="$(cat /etc/postgresql/slot)" --create-slot');
    expect(clone).toContain('touch "$PGDATA/standby.signal"');
  });

  test.each([['postgres-1', '1'], ['postgres-3', '3']])('%s follows the primary with its own conninfo and slot', (pod, ordinal) => {
    expect(files(pod).slot).toEqual(`postgres_${ordinal}`);
    expect(files(pod)['standby.conf']).toEqual(
      `primary_conninfo = 'host=postgres-0.postgres-headless port=5432 user=replicator application_name=${pod}'\n`
      + `primary_slot_name = 'postgres_${ordinal}'\n`);
  });

  test('passwords come from the Secret the user creates, never in clear', () => {
    const secretRef = (key: string) => ({ valueFrom: { secretKeyRef: { key, name: CREDENTIALS_SECRET } } });
    expect(main.env).toContainEqual({ name: 'POSTGRES_PASSWORD', ...secretRef('postgres-password') });
    expect(main.env).toContainEqual({ name: 'PGPASSWORD', ...secretRef('replication-password') });
    expect(JSON.stringify(manifests)).not.toMatch(/PASSWORD", ?"value"/);
  });

  test('replication connects with a password over the network, the local socket trusts the pod\'s own processes', () => {
    expect(files('postgres-2')['pg_hba.conf']).toEqual('local all all trust\nhost all all all scram-sha-256\nhost replication replicator all scram-sha-256\n');
  });

  test('a member is Ready once the server accepts TCP connections, which pg_isready checks', () => {
    expect(main.readinessProbe.exec).toEqual({ command: ['pg_isready', '--host=127.0.0.1', '--port=5432'] });
  });

  test('the data lives in a directory of its own on the member\'s volume, which PostgreSQL creates with the mode it requires', () => {
    expect(main.env).toContainEqual({ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' });
    expect(main.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    expect(podSpec.securityContext.fsGroupChangePolicy).toEqual('OnRootMismatch');
  });

  test('the Service postgres-primary reaches only the primary, postgres-read every ready member', () => {
    expect(findObject(manifests, 'Service', 'postgres-primary').spec.selector['statefulset.kubernetes.io/pod-name']).toEqual('postgres-0');
    expect(findObject(manifests, 'Service', 'postgres-read').spec.selector).toEqual(chart.postgres.selectorLabels);
  });

  test('passes the restricted Pod Security Standard', () => {
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  testExampleOutput(manifests, ['accepted secret-missing StatefulSet/default/postgres']);
});
