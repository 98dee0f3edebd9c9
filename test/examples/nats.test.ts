import { Testing } from 'cdk8s';
import { NatsChart } from '../../examples/nats/main';
import { findContainer, findObject, Manifest, memberView, restrictedViolations, synth } from '../util';
import { testExampleOutput } from './output';

describe('examples/nats', () => {
  const chart = new NatsChart(Testing.app(), 'nats');
  const manifests = synth(chart);
  const sts = findObject(manifests, 'StatefulSet', 'nats');
  const podSpec = sts.spec.template.spec;
  const config = (pod: string) => memberView(manifests, 'nats', pod, '/etc/nats').files['nats.conf'];

  test('is three members started in parallel, so that JetStream can elect a meta leader', () => {
    expect(sts.spec.replicas).toEqual(3);
    expect(sts.spec.podManagementPolicy).toEqual('Parallel');
  });

  test.each(['nats-0', 'nats-1', 'nats-2', 'nats-3'])('%s routes to every member by its stable DNS name', pod => {
    expect(config(pod)).toContain('  routes: [\n'
      + '    nats-route://nats-0.nats-headless:6222\n'
      + '    nats-route://nats-1.nats-headless:6222\n'
      + '    nats-route://nats-2.nats-headless:6222\n'
      + '  ]\n');
  });

  test('takes its JetStream server name from its pod name, which NATS reads from the environment', () => {
    expect(config('nats-1')).toMatch(/^server_name: \$POD_NAME\n/);
    expect(findContainer(podSpec, 'nats').env).toContainEqual({ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
  });

  test('keeps the JetStream store on a volume per member', () => {
    expect(config('nats-0')).toContain('jetstream {\n  store_dir: /data\n');
    expect(sts.spec.volumeClaimTemplates.map((c: { metadata: { name: string } }) => c.metadata.name)).toEqual(['data']);
    expect(findContainer(podSpec, 'nats').volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
  });

  test('a member is Ready once /healthz says it is current with JetStream, not when its client port opens', () => {
    expect(findContainer(podSpec, 'nats').readinessProbe).toEqual({
      failureThreshold: 3,
      httpGet: { path: '/healthz', port: 8222, scheme: 'HTTP' },
      periodSeconds: 10,
      timeoutSeconds: 1,
    });
  });

  test('clients reach the cluster through the Service nats on 4222', () => {
    const client = findObject(manifests, 'Service', 'nats');
    expect(client.spec.ports).toEqual([{ name: 'client', port: 4222, targetPort: 4222 }]);
    expect(client.spec.selector).toEqual({ 'app.kubernetes.io/instance': 'nats', 'app.kubernetes.io/name': 'nats' });
  });

  test('the network policy lets members reach each other on the route port only', () => {
    const ingress = findObject(manifests, 'NetworkPolicy', 'nats').spec.ingress;
    const fromMembers = ingress.filter((rule: Manifest) => (rule.from ?? []).some((peer: Manifest) => peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'nats'));
    expect(fromMembers).toEqual([{ from: [{ podSelector: { matchLabels: chart.nats.selectorLabels } }], ports: [{ port: 6222, protocol: 'TCP' }] }]);
  });

  test('passes the restricted Pod Security Standard', () => {
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  testExampleOutput(manifests);
});
