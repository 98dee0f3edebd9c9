import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { MemberProbe, MemberTemplate, MemberValue, OrderedStatefulApp } from '../../src';

/**
 * A three-node Cassandra ring. Nodes start one at a time (a node joins the ring only
 * while no other is joining); the first two are the seeds. Every node computes its own
 * `cassandra.yaml` when it starts (its pod IP as listen and broadcast address), placed over
 * the image's own at `/etc/cassandra/cassandra.yaml`, so the image's other files in that
 * directory (logging, JVM options, rack) stay. Before it stops, a node drains: it flushes
 * its memtables and stops accepting writes, within a grace period of two minutes.
 *
 * Assumptions about the official `cassandra:4.1.4` image: it runs as the non-root user
 * 999 when asked, `cassandra -f` starts the node in the foreground without the image's
 * entrypoint script (which would edit `cassandra.yaml`), and it writes only to
 * `/var/lib/cassandra` (a volume per node), `/var/log/cassandra` and `/tmp`.
 */
export class CassandraChart extends Chart {
  public readonly cassandra: OrderedStatefulApp;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const emptyDir = (name: string) => kplus.Volume.fromEmptyDir(this, name, name);
    const cassandra = new OrderedStatefulApp(this, 'cassandra', {
      name: 'cassandra',
      replicas: 3,
      container: {
        image: 'cassandra:4.1.4',
        command: ['cassandra', '-f'],
        ports: [{ name: 'cql', number: 9042 }, { name: 'intra', number: 7000 }],
        securityContext: { user: 999, group: 999 },
        envVariables: {
          MAX_HEAP_SIZE: kplus.EnvValue.fromValue('1024M'),
          HEAP_NEWSIZE: kplus.EnvValue.fromValue('256M'),
          CASSANDRA_LOG_DIR: kplus.EnvValue.fromValue('/var/log/cassandra'),
        },
        resources: {
          cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.millis(2000) },
          memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) },
        },
        volumeMounts: [
          { path: '/var/log/cassandra', volume: emptyDir('logs') },
          { path: '/tmp', volume: emptyDir('tmp') },
        ],
      },
      // Ready once it serves CQL: the next node starts joining only then.
      readiness: MemberProbe.tcp({ port: 'cql', period: Duration.seconds(5), failureThreshold: 6 }),
      terminationGracePeriod: Duration.minutes(2),
      preStop: ['nodetool', 'drain'],
      storage: { claims: [{ name: 'data', size: Size.gibibytes(10), mountPath: '/var/lib/cassandra' }] },
      clientService: { name: 'cassandra-client', ports: ['cql'] },
      networkPolicy: { peerPorts: ['intra'] },
    });
    this.cassandra = cassandra;
    const seeds = cassandra.ordinals.slice(0, 2).map(o => `${cassandra.podFqdn(o)}:7000`).join(',');
    cassandra.addTemplateFile('cassandra.yaml', MemberTemplate.of(
      MemberValue.text([
        'cluster_name: cassandra',
        'num_tokens: 16',
        'allocate_tokens_for_local_replication_factor: 3',
        'partitioner: org.apache.cassandra.dht.Murmur3Partitioner',
        'endpoint_snitch: GossipingPropertyFileSnitch',
        'seed_provider:',
        '  - class_name: org.apache.cassandra.locator.SimpleSeedProvider',
        '    parameters:',
        `      - seeds: "${seeds}"`,
        'storage_port: 7000',
        'native_transport_port: 9042',
        'rpc_address: 0.0.0.0',
        'data_file_directories: [/var/lib/cassandra/data]',
        'commitlog_directory: /var/lib/cassandra/commitlog',
        'saved_caches_directory: /var/lib/cassandra/saved_caches',
        'hints_directory: /var/lib/cassandra/hints',
        'commitlog_sync: periodic',
        'commitlog_sync_period: 10000ms',
        'listen_address: ',
      ].join('\n')), MemberValue.podIp(),
      MemberValue.text('\nbroadcast_address: '), MemberValue.podIp(),
      MemberValue.text('\nbroadcast_rpc_address: '), MemberValue.podIp(), MemberValue.text('\n'),
    ));
    cassandra.mountFile('cassandra.yaml', '/etc/cassandra/cassandra.yaml');
  }
}

if (require.main === module) {
  const app = new App();
  new CassandraChart(app, 'cassandra');
  app.synth();
}
