import { App, Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ManifestLinter, MemberTemplate, MemberValue, OrderedStatefulApp } from '../../src';

/** The Secret the user creates first: `kubectl create secret generic rabbitmq-erlang-cookie --from-literal=cookie=$(openssl rand -hex 32)`. */
export const COOKIE_SECRET = 'rabbitmq-erlang-cookie';

/**
 * A three-node RabbitMQ cluster formed by classic config peer discovery: every node is
 * `rabbit@<its pod's DNS name>` (long names), and `/etc/rabbitmq/conf.d/20-cluster.conf`
 * lists every member's node name, computed by the member from its namespace when it starts.
 * Members start in order: `rabbitmq-0` boots the cluster, each next node joins it.
 *
 * The nodes authenticate each other with the Erlang cookie from the Secret
 * `rabbitmq-erlang-cookie`, placed at `$HOME/.erlang.cookie` owned by the node's user with
 * mode 0400: a Secret volume would give a root-owned, group-readable file (with `fsGroup`),
 * which RabbitMQ refuses. The official `rabbitmq:3.10.25` image runs as its user 999 when
 * asked; `HOME` and the data (Mnesia) directory are `/var/lib/rabbitmq`, a volume per member.
 * After every member stopped, the last one that stopped must start first (RabbitMQ waits
 * for it): if that is not `rabbitmq-0`, run `rabbitmqctl force_boot` there.
 */
export class RabbitMqChart extends Chart {
  public readonly rabbitmq: OrderedStatefulApp;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.rabbitmq = new OrderedStatefulApp(this, 'rabbitmq', {
      name: 'rabbitmq',
      replicas: 3,
      container: {
        image: 'rabbitmq:3.10.25',
        ports: [
          { name: 'amqp', number: 5672 },
          { name: 'epmd', number: 4369 },
          { name: 'dist', number: 25672 },
          { name: 'prometheus', number: 15692 },
        ],
        securityContext: { user: 999, group: 999 },
        envVariables: {
          RABBITMQ_USE_LONGNAME: kplus.EnvValue.fromValue('true'),
          RABBITMQ_NODENAME: kplus.EnvValue.fromValue('rabbit@$(POD_FQDN)'),
        },
        resources: {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(2000) },
          memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
        },
        // Besides the console, RabbitMQ writes its log and upgrade log files there; the root file system is read-only.
        volumeMounts: [{ path: '/var/log/rabbitmq', volume: kplus.Volume.fromEmptyDir(this, 'logs', 'logs') }],
      },
      storage: { claims: [{ name: 'data', size: Size.gibibytes(10), mountPath: '/var/lib/rabbitmq' }] },
      clientService: { name: 'rabbitmq', ports: ['amqp'] },
    });
    this.rabbitmq.addSecretFile({ secretName: COOKIE_SECRET, key: 'cookie', path: '/var/lib/rabbitmq/.erlang.cookie' });
    this.rabbitmq.statefulSet.metadata.addAnnotation(ManifestLinter.acceptanceAnnotation('secret-missing'),
      `${COOKIE_SECRET} is created by the user (kubectl create secret) before the YAML is applied`);
    // A node's name must be what the node calls itself: rabbit@$(POD_FQDN), in the namespace it runs in.
    const nodes = this.rabbitmq.ordinals.flatMap((ordinal, i) => [
      MemberValue.text(`cluster_formation.classic_config.nodes.${i + 1} = rabbit@${this.rabbitmq.podName(ordinal)}.`),
      MemberValue.serviceDomain(),
      MemberValue.text('\n'),
    ]);
    this.rabbitmq.addTemplateFile('cluster.conf', MemberTemplate.of(MemberValue.text('cluster_formation.peer_discovery_backend = classic_config\n'), ...nodes));
    this.rabbitmq.mountFile('cluster.conf', '/etc/rabbitmq/conf.d/20-cluster.conf');
  }
}

if (require.main === module) {
  const app = new App();
  new RabbitMqChart(app, 'rabbitmq');
  app.synth();
}
