import * as kplus from 'cdk8s-plus-27';
import { expectInvalidAtSynth, expectInvalidProps, selects, synthApp, webProps } from './app-fixtures';
import { findAll, findObject, schemaErrors } from './util';

const PORTS = [{ name: 'client', number: 2379 }, { name: 'peer', number: 2380 }];

describe('client Service', () => {
  test('writes no empty externalIPs, which the API server would drop', () => {
    const { manifests } = synthApp({ clientService: {} });
    for (const name of ['web', 'web-headless']) {
      expect(findObject(manifests, 'Service', name).spec.externalIPs).toBeUndefined();
    }
  });

  test('there is no client Service by default', () => {
    const { app, manifests } = synthApp();
    expect(findAll(manifests, 'Service').map(s => s.metadata.name)).toEqual(['web-headless']);
    expect(app.clientService).toBeUndefined();
  });

  test('is a ClusterIP Service named after the app over every port', () => {
    const { manifests } = synthApp({ container: { image: 'etcd:3.5.9', ports: PORTS }, clientService: {} });
    const svc = findObject(manifests, 'Service', 'web');
    expect(svc.spec.type).toEqual('ClusterIP');
    expect(svc.spec.clusterIP).toBeUndefined();
    expect(svc.spec.ports).toEqual([
      { name: 'client', port: 2379, targetPort: 2379 },
      { name: 'peer', port: 2380, targetPort: 2380 },
    ]);
  });

  test('never publishes members that are not ready', () => {
    const { manifests } = synthApp({ clientService: {} });
    expect(findObject(manifests, 'Service', 'web').spec.publishNotReadyAddresses).toBeUndefined();
  });

  test('selects exactly the app pods by the selector labels', () => {
    const { app, manifests, sts } = synthApp({ clientService: {} });
    const svc = findObject(manifests, 'Service', 'web');
    expect(svc.spec.selector).toEqual(app.selectorLabels);
    expect(selects(svc.spec.selector, sts.spec.template.metadata.labels)).toBe(true);
  });

  test('name, ports and type can be chosen', () => {
    const { manifests } = synthApp({
      container: { image: 'etcd:3.5.9', ports: PORTS },
      clientService: { name: 'etcd-client', ports: ['client'], type: kplus.ServiceType.LOAD_BALANCER },
    });
    const svc = findObject(manifests, 'Service', 'etcd-client');
    expect(svc.spec.type).toEqual('LoadBalancer');
    expect(svc.spec.ports).toEqual([{ name: 'client', port: 2379, targetPort: 2379 }]);
  });

  test('carries the app labels and namespace', () => {
    const { manifests } = synthApp({ clientService: {}, labels: { tier: 'db' } }, 'prod');
    const svc = findObject(manifests, 'Service', 'web');
    expect(svc.metadata.namespace).toEqual('prod');
    expect(svc.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web', 'tier': 'db' });
  });

  test('fails when the name is not a DNS-1035 label or is the headless Service name', () => {
    expectInvalidProps(webProps({ clientService: { name: '1web' } }),
      '\'clientService.name\' must be a DNS-1035 label (a lowercase letter first, then lowercase letters, digits and \'-\', at most 63 characters), got \'1web\'');
    expectInvalidProps(webProps({ serviceName: 'web', clientService: {} }),
      '\'clientService.name\' must differ from the name of every other Service of the app, got \'web\', which \'serviceName\' uses');
  });

  test('fails when a port is named twice or none is', () => {
    expectInvalidProps(webProps({ clientService: { ports: ['web', 'web'] } }), '\'clientService.ports[1]\' must not name a port twice, got \'web\' twice');
    expectInvalidProps(webProps({ clientService: { ports: [] } }), '\'clientService.ports\' must name at least one port, got []');
  });

  test('fails at synth time when a port is declared neither by the main container nor by a sidecar', () => {
    expectInvalidAtSynth(webProps({ clientService: { ports: ['http'] } }),
      '\'clientService.ports[0]\' must name ports of the main container or a sidecar (declared: \'web\'), got \'http\'');
  });

  test('fails when the type is ExternalName', () => {
    expectInvalidProps(webProps({ clientService: { type: kplus.ServiceType.EXTERNAL_NAME } }),
      '\'clientService.type\' must be CLUSTER_IP, NODE_PORT or LOAD_BALANCER: an ExternalName Service selects no pods, got \'ExternalName\'');
  });

  test('fails when the type is not a Service type', () => {
    expectInvalidProps(webProps({ clientService: { type: 'Headless' as kplus.ServiceType } }),
      '\'clientService.type\' must be CLUSTER_IP, NODE_PORT or LOAD_BALANCER: an ExternalName Service selects no pods, got \'Headless\'');
  });
});

describe('per-member Services', () => {
  test('one Service per member, named like the pod, selecting only that pod', () => {
    const { app, manifests } = synthApp({ replicas: 3, podServices: {} });
    for (const ordinal of app.ordinals) {
      const svc = findObject(manifests, 'Service', `web-${ordinal}`);
      expect(svc.spec.type).toEqual('ClusterIP');
      expect(svc.spec.selector).toEqual({ ...app.selectorLabels, 'statefulset.kubernetes.io/pod-name': `web-${ordinal}` });
      expect(svc.spec.ports).toEqual([{ name: 'web', port: 8080, targetPort: 8080 }]);
    }
    expect(app.podServices.map(s => s.name)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  test('follow startOrdinal', () => {
    const { manifests } = synthApp({ replicas: 2, startOrdinal: 5, podServices: { suffix: 'ext' } });
    expect(findAll(manifests, 'Service').map(s => s.metadata.name)).toEqual(['web-headless', 'web-5-ext', 'web-6-ext']);
    expect(findObject(manifests, 'Service', 'web-6-ext').spec.selector['statefulset.kubernetes.io/pod-name']).toEqual('web-6');
  });

  test('type and ports can be chosen', () => {
    const { manifests } = synthApp({
      container: { image: 'etcd:3.5.9', ports: PORTS },
      podServices: { type: kplus.ServiceType.NODE_PORT, ports: ['peer'] },
    });
    const svc = findObject(manifests, 'Service', 'web-0');
    expect(svc.spec.type).toEqual('NodePort');
    expect(svc.spec.ports).toEqual([{ name: 'peer', port: 2380, targetPort: 2380 }]);
  });

  test('the output is valid against the Kubernetes 1.27 schema', () => {
    const { manifests } = synthApp({ replicas: 2, clientService: {}, podServices: { type: kplus.ServiceType.LOAD_BALANCER } }, 'prod');
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
  });

  test('fails when a Service name would start with a digit or be too long', () => {
    expectInvalidProps(webProps({ name: '1web', podServices: {} }),
      '\'podServices\' makes the Service name \'1web-0\', which is not a DNS-1035 label');
    expectInvalidProps(webProps({ name: 'a'.repeat(52), podServices: { suffix: 'external-a' } }),
      `'podServices' makes the Service name '${'a'.repeat(52)}-0-external-a', which is not a DNS-1035 label`);
  });

  test('fails when a Service name collides with the headless or the client Service', () => {
    expectInvalidProps(webProps({ serviceName: 'web-0', podServices: {} }),
      '\'podServices\' must differ from the name of every other Service of the app, got \'web-0\', which \'serviceName\' uses');
    expectInvalidProps(webProps({ clientService: { name: 'web-0-ext' }, podServices: { suffix: 'ext' } }),
      '\'podServices\' must differ from the name of every other Service of the app, got \'web-0-ext\', which \'clientService.name\' uses');
  });

  test('fails when the suffix or the type is invalid', () => {
    expectInvalidProps(webProps({ podServices: { suffix: 'Ext', type: kplus.ServiceType.EXTERNAL_NAME } }),
      '\'podServices.suffix\' must be a DNS-1123 label (lowercase letters, digits and \'-\', alphanumeric at both ends), got \'Ext\'',
      '\'podServices.type\' must be CLUSTER_IP, NODE_PORT or LOAD_BALANCER');
  });

  test('fails at synth time when a port is declared neither by the main container nor by a sidecar', () => {
    expectInvalidAtSynth(webProps({ podServices: { ports: ['http'] } }),
      '\'podServices.ports[0]\' must name ports of the main container or a sidecar (declared: \'web\'), got \'http\'');
  });
});
