import { Testing } from 'cdk8s';
import { CLIENT_LABELS, RedisChart } from '../../examples/redis/main';
import { findContainer, findObject, memberView, restrictedViolations, synth } from '../util';
import { testExampleOutput } from './output';

describe('examples/redis', () => {
  const chart = new RedisChart(Testing.app(), 'redis');
  const manifests = synth(chart);
  const sts = findObject(manifests, 'StatefulSet', 'redis');
  const podSpec = sts.spec.template.spec;
  const replication = (pod: string) => memberView(manifests, 'redis', pod, '/config').files['replication.conf'];

  test('is a primary and two replicas, started in order', () => {
    expect(sts.spec.replicas).toEqual(3);
    expect(sts.spec.podManagementPolicy).toEqual('OrderedReady');
    expect(chart.topology.primaryPodName).toEqual('redis-0');
  });

  test.each(['redis-1', 'redis-2', 'redis-3'])('%s follows the primary by its stable DNS name', pod => {
    expect(replication(pod)).toEqual('replicaof redis-0.redis-headless 6379\n');
  });

  test('the primary follows nobody, and every member includes the replication settings', () => {
    expect(replication('redis-0')).toEqual('# the primary\n');
    expect(memberView(manifests, 'redis', 'redis-1', '/config').files['redis.conf']).toContain('include /config/replication.conf\n');
  });

  test('the Service redis-primary reaches only the primary', () => {
    expect(findObject(manifests, 'Service', 'redis-primary').spec.selector).toEqual({
      'app.kubernetes.io/instance': 'redis', 'app.kubernetes.io/name': 'redis', 'statefulset.kubernetes.io/pod-name': 'redis-0',
    });
  });

  test('a metrics exporter runs beside every member, hardened, with a readiness probe on its own port', () => {
    const exporter = findContainer(podSpec, 'metrics');
    expect(exporter.image).toEqual('oliver006/redis_exporter:v1.58.0');
    expect(exporter.ports).toEqual([{ containerPort: 9121, name: 'metrics' }]);
    expect(exporter.readinessProbe.httpGet).toEqual({ path: '/health', port: 9121, scheme: 'HTTP' });
    expect(exporter.securityContext).toMatchObject({ runAsUser: 59000, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
  });

  test('the network policy lets clients reach Redis and the metrics, and members each other', () => {
    const ingress = findObject(manifests, 'NetworkPolicy', 'redis').spec.ingress;
    expect(ingress).toEqual([
      { from: [{ podSelector: { matchLabels: chart.redis.selectorLabels } }], ports: [{ port: 6379, protocol: 'TCP' }] },
      { from: [{ podSelector: { matchLabels: CLIENT_LABELS } }], ports: [{ port: 6379, protocol: 'TCP' }, { port: 9121, protocol: 'TCP' }] },
    ]);
  });

  test('the headless Service publishes the exporter\'s port too', () => {
    expect(findObject(manifests, 'Service', 'redis-headless').spec.ports.map((p: { name: string }) => p.name)).toEqual(['redis', 'metrics']);
  });

  test('passes the restricted Pod Security Standard', () => {
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  testExampleOutput(manifests);
});
