import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { MemberProbe, OrderedStatefulApp, OrderedStatefulAppProps, PodSecurity } from '../src';
import { errorOf, webProps } from './app-fixtures';
import { findContainer, findObject, Manifest, newChart, restrictedViolations, schemaErrors, synth } from './util';

const EXPORTER: kplus.ContainerProps = {
  name: 'metrics',
  image: 'oliver006/redis_exporter:v1.58.0',
  ports: [{ name: 'metrics', number: 9121 }],
  securityContext: { user: 59000 },
};

function withSidecar(props: Partial<OrderedStatefulAppProps> = {}, sidecar: kplus.ContainerProps = EXPORTER, namespace?: string) {
  const chart = newChart(namespace);
  const app = new OrderedStatefulApp(chart, 'web', webProps(props));
  const container = app.addSidecar(sidecar, { readiness: MemberProbe.http('/health', { port: 'metrics' }) });
  return { chart, app, container, manifests: () => synth(chart) };
}

function podSpecOf(manifests: Manifest[]): Manifest {
  return findObject(manifests, 'StatefulSet', 'web').spec.template.spec;
}

describe('addSidecar()', () => {
  test('the sidecar runs beside the main container with the same hardening, and the pod stays restricted', () => {
    const podSpec = podSpecOf(withSidecar().manifests());
    expect(podSpec.containers.map((c: Manifest) => c.name)).toEqual(['web', 'metrics']);
    expect(findContainer(podSpec, 'metrics').securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 59000,
    });
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  test('probes name the sidecar\'s own ports', () => {
    expect(findContainer(podSpecOf(withSidecar().manifests()), 'metrics').readinessProbe.httpGet).toEqual({ path: '/health', port: 9121, scheme: 'HTTP' });
  });

  test('the sidecar gets the member variables first, and no resources unless it sets them', () => {
    const metrics = findContainer(podSpecOf(withSidecar({}, { ...EXPORTER, envVariables: { A: kplus.EnvValue.fromValue('$(POD_NAME)') } }).manifests()), 'metrics');
    expect(metrics.env.map((e: Manifest) => e.name)).toEqual(['POD_NAME', 'POD_NAMESPACE', 'POD_IP', 'HEADLESS_SERVICE', 'HEADLESS_SERVICE_DOMAIN', 'POD_FQDN', 'A']);
    expect(metrics.resources).toBeUndefined();
    const sized = { ...EXPORTER, resources: { memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) } } };
    expect(findContainer(podSpecOf(withSidecar({}, sized).manifests()), 'metrics').resources).toEqual({ limits: { memory: '32Mi' }, requests: { memory: '16Mi' } });
  });

  test('its named ports are published by the headless Service and can be named by client Services and the network policy', () => {
    const { manifests } = withSidecar({
      clientService: { ports: ['web', 'metrics'] },
      podServices: { ports: ['metrics'] },
      networkPolicy: { peerPorts: ['web'], clientPorts: ['metrics'] },
    });
    const m = manifests();
    expect(findObject(m, 'Service', 'web-headless').spec.ports).toEqual([
      { name: 'web', port: 8080, targetPort: 8080 }, { name: 'metrics', port: 9121, targetPort: 9121 },
    ]);
    expect(findObject(m, 'Service', 'web').spec.ports.map((p: Manifest) => p.name)).toEqual(['web', 'metrics']);
    expect(findObject(m, 'Service', 'web-0').spec.ports).toEqual([{ name: 'metrics', port: 9121, targetPort: 9121 }]);
    expect(findObject(m, 'NetworkPolicy', 'web').spec.ingress[1].ports).toEqual([{ port: 9121, protocol: 'TCP' }]);
    expect(m.flatMap(schemaErrors)).toEqual([]);
  });

  test('port() and srvName() know the sidecar\'s ports', () => {
    const { app } = withSidecar({}, EXPORTER, 'shop');
    expect(app.port('metrics').number).toEqual(9121);
    expect(app.srvName('metrics')).toEqual('_metrics._tcp.web-headless.shop.svc.cluster.local');
  });

  test('fails when the name is missing or taken, the image unpinned, a port unnamed or taken, or a probe names another port', () => {
    const chart = newChart();
    const app = new OrderedStatefulApp(chart, 'web', webProps());
    const message = errorOf(() => app.addSidecar({
      image: 'exporter',
      ports: [{ number: 8080 }, { name: 'web', number: 9000 }],
      envVariables: { POD_FQDN: kplus.EnvValue.fromValue('x') },
    }, { readiness: MemberProbe.tcp({ port: 'other' }) }));
    expect(message).toMatch(/^'test\/web': invalid addSidecar\(\):\n- /);
    expect(message).toContain('\'container.name\' must be set: every container of a pod needs its own name, got undefined');
    expect(message).toContain('\'container.image\' must be pinned to a tag other than \'latest\' or to a digest, got \'exporter\'');
    expect(message).toContain('\'container.ports[0].name\' must be set: every port needs a name for the headless Service and its SRV records (port 8080)');
    expect(message).toContain('\'container.ports[0].number\' must be unique per protocol in the pod, got 8080, which the port \'web\' of another container uses');
    expect(message).toContain('\'container.ports[1].name\' must be unique in the pod, got \'web\', which another container of the pod declares');
    expect(message).toContain('\'options.readiness\' must probe a port the sidecar declares (\'undefined\', \'web\'), got \'other\'');
    expect(message).toContain('\'container.envVariables.POD_FQDN\' cannot be set: the library sets POD_FQDN in every member, got \'x\'');
  });

  test('fails when the sidecar is not allowed under the app\'s Pod Security Standard', () => {
    const chart = newChart();
    const app = new OrderedStatefulApp(chart, 'web', webProps({ podSecurity: PodSecurity.RESTRICTED }));
    expect(errorOf(() => app.addSidecar({ ...EXPORTER, securityContext: { user: 0 } }))).toContain(
      '\'container.securityContext.user\' must not be 0 (root) under the restricted Pod Security Standard');
  });

  test('a container added to the StatefulSet directly fails synthesis with a pointer to addSidecar', () => {
    const chart = newChart();
    const app = new OrderedStatefulApp(chart, 'web', webProps());
    app.statefulSet.addContainer({ name: 'shell', image: 'busybox:1.36.1' });
    expect(errorOf(() => synth(chart))).toContain('\'test/web\': invalid pod template:\n- \'statefulSet.containers[1].name\' must be added with app.addSidecar(container), '
      + 'which hardens it for the Pod Security Standard and checks it, got \'shell\', added to the StatefulSet directly');
  });

  test('fails when a container is named like one the library adds', () => {
    const chart = newChart();
    const db = new OrderedStatefulApp(chart, 'db', webProps());
    const app = new OrderedStatefulApp(chart, 'web', webProps({ configMountPath: '/conf' }));
    app.addSharedFile('a', 'x');
    app.startAfter(db);
    app.addSidecar({ ...EXPORTER, name: 'member-config', ports: [] });
    app.addSidecar({ ...EXPORTER, name: 'wait-for-db', ports: [] });
    const message = errorOf(() => synth(chart));
    expect(message).toContain('\'statefulSet.initContainers[0].name\' must be distinct in the pod, got \'member-config\' twice (also statefulSet.containers[1]): rename one');
    expect(message).toContain('got \'wait-for-db\' twice');
  });

  test('fails when a claim is named like a volume of the pod, which it would replace', () => {
    const chart = newChart();
    const app = new OrderedStatefulApp(chart, 'web', webProps({
      configMountPath: '/conf',
      storage: { claims: [{ name: 'member-config-source', size: Size.gibibytes(1), mountPath: '/data' }] },
    }));
    app.addSharedFile('a', 'x');
    expect(errorOf(() => synth(chart))).toContain('\'storage.claims[0].name\' must be named unlike every volume of the pod, got \'member-config-source\', '
      + 'the name of a volume, which the claim would replace: rename the claim');
  });
});
