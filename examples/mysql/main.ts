import { App, Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ManifestLinter, MemberTemplate, MemberValue, OrderedStatefulApp, PrimaryReplicas } from '../../src';

/** The Secret the user creates before applying: `kubectl create secret generic mysql-credentials --from-literal=root-password=...`. */
export const CREDENTIALS_SECRET = 'mysql-credentials';

const REPLICATION_CNF = `[mysqld]
gtid-mode=ON
enforce-gtid-consistency=ON
log-bin=mysql-bin
`;

const PRIMARY_CNF = `[mysqld]
read-only=OFF
`;

// read-only, not super-read-only: the image's first-start initialization runs as root.
const REPLICA_CNF = `[mysqld]
read-only=ON
relay-log=mysql-relay
`;

/**
 * MySQL with one primary (`mysql-0`) and two replicas. Every member sees, in
 * `/etc/mysql/conf.d` (included by the image's `/etc/my.cnf`), its own
 * `server-id.cnf` (`server-id` = 100 + ordinal, computed by the member, so a pod added by
 * `kubectl scale` has its own), the shared `replication.cnf`, and
 * `role.cnf` with the primary's or the replicas' settings. Writes go to the Service
 * `mysql-primary`, reads to `mysql-read`.
 *
 * The root password comes from the Secret `mysql-credentials` (key `root-password`),
 * which the user creates; nothing in the code holds a password. The official
 * `mysql:8.0.36` image runs as the user 999 when asked and writes only to
 * `/var/lib/mysql` (an emptyDir here; use persistent volumes in production),
 * `/var/run/mysqld` and `/tmp`. Starting replication on the replicas
 * (`CHANGE REPLICATION SOURCE TO SOURCE_HOST='mysql-primary', SOURCE_AUTO_POSITION=1`,
 * with `GET_SOURCE_PUBLIC_KEY=1` for a `caching_sha2_password` user without TLS, then
 * `START REPLICA`) is left to the operator.
 */
export class MySqlChart extends Chart {
  public readonly mysql: OrderedStatefulApp;
  public readonly topology: PrimaryReplicas;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const emptyDir = (name: string) => kplus.Volume.fromEmptyDir(this, name, name);
    const credentials = kplus.Secret.fromSecretName(this, 'credentials', CREDENTIALS_SECRET);
    this.mysql = new OrderedStatefulApp(this, 'mysql', {
      name: 'mysql',
      replicas: 3,
      configMountPath: '/etc/mysql/conf.d',
      container: {
        image: 'mysql:8.0.36',
        ports: [{ name: 'mysql', number: 3306 }],
        securityContext: { user: 999, group: 999 },
        envVariables: {
          MYSQL_ROOT_PASSWORD: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'root-password' }),
        },
        resources: {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(2000) },
          memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
        },
        volumeMounts: [
          { path: '/var/lib/mysql', volume: emptyDir('data') },
          { path: '/var/run/mysqld', volume: emptyDir('run') },
          { path: '/tmp', volume: emptyDir('tmp') },
        ],
      },
    });
    // The linter reports the Secret as missing from the YAML; it is, on purpose: accept that here.
    this.mysql.statefulSet.metadata.addAnnotation(ManifestLinter.acceptanceAnnotation('secret-missing'),
      `${CREDENTIALS_SECRET} is created by the user (kubectl create secret) before the YAML is applied`);
    this.topology = new PrimaryReplicas(this.mysql, 'Topology');
    this.topology.addRoleFile('role.cnf', PRIMARY_CNF, REPLICA_CNF);
    this.mysql.addSharedFile('replication.cnf', REPLICATION_CNF);
    // Every member, also one added by `kubectl scale`, computes its own server-id when it
    // starts: a scaled pod joins as a replica with an id no other member has.
    this.mysql.addTemplateFile('server-id.cnf', MemberTemplate.of(
      MemberValue.text('[mysqld]\nserver-id='), MemberValue.ordinal(100), MemberValue.text('\n')));
  }
}

if (require.main === module) {
  const app = new App();
  new MySqlChart(app, 'mysql');
  app.synth();
}
