import { App, Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { MemberProbe, OrderedStatefulApp, PrimaryReplicas } from '../../src';

/** The label of the pods that may use Redis and read its metrics. */
export const CLIENT_LABELS = { 'app.kubernetes.io/part-of': 'shop' };

/**
 * Redis with one primary (`redis-0`) and two replicas that follow it by its stable DNS
 * name, a metrics exporter beside every member, and a Service `redis-primary` that
 * reaches only the primary. Every member sees `/config/redis.conf`, which includes
 * `/config/replication.conf`: empty on the primary, `replicaof <primary> 6379` elsewhere,
 * also on a pod added by `kubectl scale`, which joins as one more replica.
 *
 * Assumptions about the official `redis:7.2.4` image: it runs as the non-root user 999
 * when asked and writes only to its data directory `/data` (a volume per member).
 * The exporter `oliver006/redis_exporter:v1.58.0` runs as its user 59000 and serves
 * `/metrics` and `/health` on 9121. Only the app's own pods and the pods labelled
 * `app.kubernetes.io/part-of: shop` reach Redis and the metrics; there is no password:
 * add `requirepass` (from a Secret) before exposing it further.
 */
export class RedisChart extends Chart {
  public readonly redis: OrderedStatefulApp;
  public readonly topology: PrimaryReplicas;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    this.redis = new OrderedStatefulApp(this, 'redis', {
      name: 'redis',
      replicas: 3,
      configMountPath: '/config',
      container: {
        image: 'redis:7.2.4',
        command: ['redis-server', '/config/redis.conf'],
        ports: [{ name: 'redis', number: 6379 }],
        securityContext: { user: 999, group: 999 },
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(1000) },
          memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
        },
      },
      storage: { claims: [{ name: 'data', size: Size.gibibytes(1), mountPath: '/data' }] },
      networkPolicy: { peerPorts: ['redis'], clientPorts: ['redis', 'metrics'], clientPodLabels: CLIENT_LABELS },
    });
    this.redis.addSidecar({
      name: 'metrics',
      image: 'oliver006/redis_exporter:v1.58.0',
      ports: [{ name: 'metrics', number: 9121 }],
      securityContext: { user: 59000, group: 59000 },
      envVariables: { REDIS_ADDR: kplus.EnvValue.fromValue('redis://localhost:6379') },
      resources: {
        cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(100) },
        memory: { request: Size.mebibytes(16), limit: Size.mebibytes(64) },
      },
    }, { readiness: MemberProbe.http('/health', { port: 'metrics' }) });

    this.topology = new PrimaryReplicas(this.redis, 'Topology', { ports: ['redis'] });
    const primary = this.redis.podFqdn(this.topology.primaryOrdinal);
    this.topology.addRoleFile('replication.conf', '# the primary\n', `replicaof ${primary} 6379\n`);
    this.redis.addSharedFile('redis.conf', [
      'bind * -::*',
      // No password (see above): the network policy decides who may connect.
      'protected-mode no',
      'port 6379',
      'dir /data',
      'appendonly yes',
      'include /config/replication.conf',
      '',
    ].join('\n'));
  }
}

if (require.main === module) {
  const app = new App();
  new RedisChart(app, 'redis');
  app.synth();
}
