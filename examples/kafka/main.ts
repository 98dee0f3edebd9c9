import { App, Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Kraft, MemberTemplate, MemberValue, OrderedStatefulApp, PodManagement, Quorum, ScaledPods } from '../../src';

/** The KRaft cluster id: 16 bytes in URL-safe base64, fixed so that every synthesis gives the same one. */
export const CLUSTER_ID = 'p8fFEbKGQ22B6M_Da_vCBw';

/** The controllers: the members with the first three ordinals, whatever the number of brokers. */
export const CONTROLLERS = 3;

/** Properties of a `KafkaChart`. */
export interface KafkaChartProps extends ChartProps {
  /**
   * The number of members: the first `CONTROLLERS` are brokers and controllers, the rest
   * brokers only.
   *
   * @default 3
   */
  readonly replicas?: number;
}

/**
 * Kafka in KRaft: the first three members are brokers and controllers (combined mode) and
 * form a fixed controller quorum; every member past them is a broker only. Each member
 * computes its own `server.properties` when it starts: `node.id` = its ordinal,
 * `advertised.listeners` with its own DNS name, the three voters. Scaling the brokers
 * (`replicas` 3 to 5, or `kubectl scale`) changes neither the voters nor the pod template,
 * so the running members, the controllers above all, are not restarted: a new voter would
 * need a restart of every member, since KRaft 3.7 reads its voters from its config.
 *
 * Assumptions about the official `apache/kafka:3.7.0` image: it runs as the non-root user
 * 1000 when asked, has a POSIX `sh`, and its scripts live in `/opt/kafka/bin`. The storage
 * is formatted with the fixed cluster id on the first start of each member.
 */
export class KafkaChart extends Chart {
  public readonly kafka: OrderedStatefulApp;
  public readonly quorum: Quorum;

  constructor(scope: Construct, id: string, props: KafkaChartProps = {}) {
    super(scope, id, props);
    const emptyDir = (name: string) => kplus.Volume.fromEmptyDir(this, name, name);
    this.kafka = new OrderedStatefulApp(this, 'kafka', {
      name: 'kafka',
      replicas: props.replicas ?? 3,
      // The controllers elect a leader only once a majority of them runs: start them together.
      podManagement: PodManagement.PARALLEL,
      configMountPath: '/config',
      container: {
        image: 'apache/kafka:3.7.0',
        command: ['sh', '-c', [
          '/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" --config /config/server.properties',
          'exec /opt/kafka/bin/kafka-server-start.sh /config/server.properties',
        ].join(' && ')],
        ports: [{ name: 'client', number: 9092 }, { name: 'controller', number: 9093 }],
        securityContext: { user: 1000, group: 1000 },
        envVariables: {
          CLUSTER_ID: kplus.EnvValue.fromValue(CLUSTER_ID),
          KAFKA_HEAP_OPTS: kplus.EnvValue.fromValue('-Xms512m -Xmx512m'),
          // The scripts write their own logs under LOG_DIR; the root file system is read-only.
          LOG_DIR: kplus.EnvValue.fromValue('/var/log/kafka'),
        },
        resources: {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(2000) },
          memory: { request: Size.mebibytes(768), limit: Size.gibibytes(1) },
        },
        volumeMounts: [
          { path: '/var/log/kafka', volume: emptyDir('logs') },
          { path: '/tmp', volume: emptyDir('tmp') },
        ],
      },
      storage: { claims: [{ name: 'data', size: Size.gibibytes(10), mountPath: '/var/lib/kafka' }] },
      clientService: { name: 'kafka-client', ports: ['client'] },
    });
    // Voters: the first three members; every pod computes its id (also in /config/node-id).
    this.quorum = new Quorum(this.kafka, 'Quorum', { voters: CONTROLLERS, idOffset: 0, idFile: 'node-id', scaledPods: ScaledPods.JOIN });

    for (const ordinal of this.kafka.ordinals.slice(0, this.quorum.members)) {
      this.kafka.addOrdinalFile(ordinal, 'roles.properties',
        'process.roles=broker,controller\nlisteners=PLAINTEXT://:9092,CONTROLLER://:9093\n');
    }
    this.kafka.addDefaultFile('roles.properties', 'process.roles=broker\nlisteners=PLAINTEXT://:9092\n');
    const replication = CONTROLLERS;
    this.kafka.addTemplateFile('server.properties', MemberTemplate.of(
      MemberValue.text('node.id='), MemberValue.ordinal(), MemberValue.text('\n'),
      MemberValue.file('roles.properties'),
      MemberValue.text('advertised.listeners=PLAINTEXT://'), MemberValue.podFqdn(), MemberValue.text(':9092\n'),
      MemberValue.text([
        `controller.quorum.voters=${Kraft.controllerQuorumVoters(this.quorum, 'controller')}`,
        'controller.listener.names=CONTROLLER',
        'inter.broker.listener.name=PLAINTEXT',
        'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        'log.dirs=/var/lib/kafka/data',
        `offsets.topic.replication.factor=${replication}`,
        `transaction.state.log.replication.factor=${replication}`,
        `transaction.state.log.min.isr=${Math.min(2, replication)}`,
        '',
      ].join('\n')),
    ));
  }
}

if (require.main === module) {
  const app = new App();
  new KafkaChart(app, 'kafka');
  app.synth();
}
