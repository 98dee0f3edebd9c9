import { App, Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ManifestLinter, MemberProbe, MemberTemplate, MemberValue, OrderedStatefulApp, PrimaryReplicas } from '../../src';

/** The Secret the user creates first: `kubectl create secret generic postgres-credentials --from-literal=postgres-password=... --from-literal=replication-password=...`. */
export const CREDENTIALS_SECRET = 'postgres-credentials';

/**
 * PostgreSQL streaming replication: `postgres-0` is the primary, every other member (also
 * one added by `kubectl scale`) clones it with `pg_basebackup` from its stable DNS name on
 * its first start and then follows it as a hot standby, with its own `primary_conninfo`
 * (`application_name` = its pod name) and its own replication slot (`postgres_<ordinal>`,
 * created by the clone). Writes go to the Service `postgres-primary`, reads to `postgres-read`
 * (every ready member: the replicas and the primary).
 *
 * Passwords come from the Secret `postgres-credentials`: the superuser's, and the role
 * `replicator`'s, which libpq (pg_basebackup and the standby's WAL receiver) reads from
 * `PGPASSWORD`. The official `postgres:15.17-bookworm` image runs as its user 999 when
 * asked; its entrypoint initializes an empty data directory (running
 * `/docker-entrypoint-initdb.d`) and skips that when the directory holds a database, as a
 * clone does. A replica whose volume is lost clones again after its slot is dropped on the primary.
 */
export class PostgresChart extends Chart {
  public readonly postgres: OrderedStatefulApp;
  public readonly topology: PrimaryReplicas;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const credentials = kplus.Secret.fromSecretName(this, 'credentials', CREDENTIALS_SECRET);
    const secret = (key: string) => kplus.EnvValue.fromSecretValue({ secret: credentials, key });
    this.postgres = new OrderedStatefulApp(this, 'postgres', {
      name: 'postgres',
      replicas: 3,
      configMountPath: '/etc/postgresql',
      container: {
        image: 'postgres:15.17-bookworm',
        command: ['bash', '-c', '. /etc/postgresql/clone.sh && exec docker-entrypoint.sh postgres -c config_file=/etc/postgresql/postgresql.conf'],
        ports: [{ name: 'postgres', number: 5432 }],
        securityContext: { user: 999, group: 999 },
        envVariables: {
          PGDATA: kplus.EnvValue.fromValue('/var/lib/postgresql/data/pgdata'),
          POSTGRES_PASSWORD: secret('postgres-password'),
          PGPASSWORD: secret('replication-password'),
        },
        resources: {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(2000) },
          memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) },
        },
        // The server's socket and the clients' temporary files; the root file system is read-only.
        volumeMounts: [['run', '/var/run/postgresql'], ['tmp', '/tmp']].map(([name, path]) => ({ path, volume: kplus.Volume.fromEmptyDir(this, name, name) })),
      },
      // Ready once the server accepts connections over TCP (a clone or a standby still
      // starting up refuses them), not while the entrypoint's socket-only setup server runs.
      readiness: MemberProbe.command(['pg_isready', '--host=127.0.0.1', '--port=5432']),
      storage: { claims: [{ name: 'data', size: Size.gibibytes(10), mountPath: '/var/lib/postgresql/data' }] },
    });
    this.postgres.statefulSet.metadata.addAnnotation(ManifestLinter.acceptanceAnnotation('secret-missing'),
      `${CREDENTIALS_SECRET} is created by the user (kubectl create secret) before the YAML is applied`);
    this.topology = new PrimaryReplicas(this.postgres, 'Topology');
    const primary = this.postgres.podFqdn(this.topology.primaryOrdinal);
    this.topology.addRoleFile('clone.sh', '# the primary: the entrypoint initializes its data directory\n', `if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pg_basebackup --host=${primary} --username=replicator --pgdata="$PGDATA" --wal-method=stream \\
    --checkpoint=fast --slot="$(cat /etc/postgresql/slot)" --create-slot
  touch "$PGDATA/standby.signal"
fi
`);
    // PostgreSQL 15's defaults stream WAL (wal_level, max_wal_senders, hot_standby); standby.conf is
    // read only in standby mode, that is on the replicas.
    this.postgres.addSharedFile('postgresql.conf', "listen_addresses = '*'\nhba_file = '/etc/postgresql/pg_hba.conf'\ninclude = 'standby.conf'\n");
    this.postgres.addSharedFile('pg_hba.conf', 'local all all trust\nhost all all all scram-sha-256\nhost replication replicator all scram-sha-256\n');
    const slot = [MemberValue.text('postgres_'), MemberValue.ordinal()];
    this.postgres.addTemplateFile('slot', MemberTemplate.of(...slot));
    this.postgres.addTemplateFile('standby.conf', MemberTemplate.of(
      MemberValue.text(`primary_conninfo = 'host=${primary} port=5432 user=replicator application_name=`), MemberValue.podName(),
      MemberValue.text("'\nprimary_slot_name = '"), ...slot, MemberValue.text("'\n")));
    // Run by the entrypoint when it initializes the primary: the role the replicas connect as.
    this.postgres.addSharedFile('replicator.sh', 'psql -v ON_ERROR_STOP=1 --username=postgres --set=password="$PGPASSWORD" '
      + '<<< "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :\'password\'"\n');
    this.postgres.mountFile('replicator.sh', '/docker-entrypoint-initdb.d/replicator.sh');
  }
}

if (require.main === module) {
  const app = new App();
  new PostgresChart(app, 'postgres');
  app.synth();
}
