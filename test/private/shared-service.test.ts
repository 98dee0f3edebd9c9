import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { LiveStatefulSet, OrderedStatefulApp, OrderedStatefulAppProps } from '../../src';
import { errorOf, IMAGE } from '../app-fixtures';
import { findAll, findObject, newChart, synth } from '../util';

const LABELS = { 'app.kubernetes.io/name': 'redis', 'app.kubernetes.io/instance': 'redis' };

function live(name: string, component: string): LiveStatefulSet {
  return LiveStatefulSet.of({
    name,
    namespace: 'demo',
    serviceName: 'redis-headless',
    selector: { ...LABELS, 'app.kubernetes.io/component': component },
    claims: [{ name: 'data', size: Size.gibibytes(1) }],
  });
}

function props(adopt: LiveStatefulSet | undefined, port: number, overrides: Partial<OrderedStatefulAppProps> = {}): OrderedStatefulAppProps {
  return {
    adopt,
    container: { image: IMAGE, ports: [{ name: 'redis', number: port }, ...(adopt ? [] : [{ name: 'extra', number: 9000 }])] },
    storage: { claims: [{ name: 'data', size: Size.gibibytes(1), mountPath: '/data' }] },
    ...overrides,
  };
}

describe('a headless Service shared by two apps (governingService)', () => {
  const chart = newChart();
  const primary = new OrderedStatefulApp(chart, 'primary', props(live('redis-master', 'master'), 6379));
  const replicas = new OrderedStatefulApp(chart, 'replicas', {
    ...props(live('redis-replicas', 'replica'), 6379),
    container: { image: IMAGE, ports: [{ name: 'redis', number: 6379 }, { name: 'metrics', number: 9121 }] },
    governingService: primary.headlessService,
  });
  const manifests = synth(chart);

  test('one Service governs both StatefulSets, and the second app writes none of its own', () => {
    expect(findAll(manifests, 'Service').map(s => s.metadata.name)).toEqual(['redis-headless']);
    expect(findObject(manifests, 'StatefulSet', 'redis-replicas').spec.serviceName).toBe('redis-headless');
    expect(replicas.headlessService).toBe(primary.headlessService);
  });

  test('the Service selects the labels both selectors share, and publishes the ports of both', () => {
    const service = findObject(manifests, 'Service', 'redis-headless');
    expect(service.spec.selector).toEqual(LABELS);
    expect(service.spec.ports.map((p: any) => `${p.name}:${p.port}`)).toEqual(['redis:6379', 'metrics:9121']);
  });

  test('the second app\'s members are named under the shared Service', () => {
    expect(replicas.podFqdn(0)).toBe('redis-replicas-0.redis-headless.demo.svc.cluster.local');
  });
});

describe('a shared headless Service: what is refused', () => {
  test('fails when the Service is not an app\'s headless Service', () => {
    const chart = newChart();
    const other = new kplus.Service(chart, 'other', { metadata: { name: 'other' }, ports: [{ port: 80 }] });
    const message = errorOf(() => new OrderedStatefulApp(chart, 'web', props(undefined, 6379, { governingService: other })));
    expect(message).toContain("- 'governingService' must be the headlessService of an OrderedStatefulApp, got the Service 'other' at 'test/other'");
  });

  test('fails when the two apps\' selectors share no label', () => {
    const chart = newChart();
    const first = new OrderedStatefulApp(chart, 'first', props(undefined, 6379));
    const message = errorOf(() => new OrderedStatefulApp(chart, 'second', props(undefined, 6379, { governingService: first.headlessService })));
    expect(message).toContain("- 'governingService' must be the Service of an app whose selector shares a label with this app's, got 'first-headless' "
      + 'of the app \'first\', which selects by {"app.kubernetes.io/name":"first","app.kubernetes.io/instance":"first"}');
  });

  test('fails when the namespace, the serviceName or a port of the same name differ, all at once', () => {
    const chart = newChart();
    const first = new OrderedStatefulApp(chart, 'primary', props(live('redis-master', 'master'), 6379));
    const message = errorOf(() => new OrderedStatefulApp(chart, 'replicas', props(live('redis-replicas', 'replica'), 6380,
      { governingService: first.headlessService, namespace: 'other', serviceName: 'replicas-headless' })));
    expect(message).toContain("- 'governingService' must be a Service of this app's namespace 'other', got 'redis-headless' of namespace 'demo'");
    expect(message).toContain("- 'serviceName' must be the name of the governingService, 'redis-headless', or unset, got 'replicas-headless'");
    expect(message).toContain("- 'container.ports[0].number' must be the number of the port 'redis' of the app 'redis-master', whose headless Service "
      + 'this app shares, 6379, got 6380');
  });
});
