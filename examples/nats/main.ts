import { App, Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { MemberProbe, OrderedStatefulApp, PodManagement } from '../../src';

/**
 * A three-member NATS cluster with JetStream. Every member sees `/etc/nats/nats.conf`, whose
 * `cluster.routes` are the members' stable DNS names (a member skips the route to itself),
 * and takes its JetStream `server_name` from its pod name, which stays the same across
 * restarts. Streams with 3 replicas survive the loss of one member; clients connect
 * through the Service `nats` on 4222.
 *
 * Assumptions about the official `nats:2.9.25-alpine` image: `nats-server` runs as any
 * numeric user and writes only to the JetStream store, `/data` (a volume per member).
 * 2.9 opens one route per peer (2.10 opens a pool of three by default).
 */
export class NatsChart extends Chart {
  public readonly nats: OrderedStatefulApp;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.nats = new OrderedStatefulApp(this, 'nats', {
      name: 'nats',
      replicas: 3,
      // JetStream needs a majority of its members to elect a meta leader: start all at once.
      podManagement: PodManagement.PARALLEL,
      configMountPath: '/etc/nats',
      container: {
        image: 'nats:2.9.25-alpine',
        command: ['nats-server', '--config', '/etc/nats/nats.conf'],
        ports: [
          { name: 'client', number: 4222 },
          { name: 'cluster', number: 6222 },
          { name: 'monitor', number: 8222 },
        ],
        securityContext: { user: 1000, group: 1000 },
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(1000) },
          memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
        },
      },
      // Ready once the member is current with the JetStream meta leader, not when its
      // client port opens (which a TCP probe would take for ready).
      readiness: MemberProbe.http('/healthz', { port: 'monitor' }),
      storage: { claims: [{ name: 'data', size: Size.gibibytes(10), mountPath: '/data' }] },
      clientService: { name: 'nats', ports: ['client'] },
      networkPolicy: { peerPorts: ['cluster'], clientPorts: ['client', 'monitor'] },
    });
    const routes = this.nats.peerAddresses('cluster').map(address => `    nats-route://${address}`);
    this.nats.addSharedFile('nats.conf', [
      // POD_NAME is in every member's environment; NATS reads `$NAME` from it.
      'server_name: $POD_NAME',
      'port: 4222',
      'http_port: 8222',
      'jetstream {',
      '  store_dir: /data',
      '  max_memory_store: 64MB',
      '  max_file_store: 8GB',
      '}',
      'cluster {',
      '  name: nats',
      '  port: 6222',
      '  routes: [',
      ...routes,
      '  ]',
      '}',
      '',
    ].join('\n'));
  }
}

if (require.main === module) {
  const app = new App();
  new NatsChart(app, 'nats');
  app.synth();
}
