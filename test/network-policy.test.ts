import * as kplus from 'cdk8s-plus-27';
import { OrderedStatefulAppProps } from '../src';
import { expectInvalidAtSynth, expectInvalidProps, selects, synthApp, webProps } from './app-fixtures';
import { findAll, findObject, schemaErrors } from './util';

const ETCD_CONTAINER = {
  image: 'registry.k8s.io/etcd:3.5.9-0',
  ports: [{ name: 'client', number: 2379 }, { name: 'peer', number: 2380 }, { name: 'metrics', number: 9090, protocol: kplus.Protocol.TCP }],
};

function policyOf(overrides: Partial<OrderedStatefulAppProps>) {
  const { app, manifests, sts } = synthApp({ container: ETCD_CONTAINER, ...overrides }, 'prod');
  return { app, manifests, sts, policy: findObject(manifests, 'NetworkPolicy', 'web') };
}

describe('NetworkPolicy', () => {
  test('there is none by default', () => {
    const { app, manifests } = synthApp();
    expect(findAll(manifests, 'NetworkPolicy')).toEqual([]);
    expect(app.networkPolicy).toBeUndefined();
  });

  test('applies to the app pods, for ingress only', () => {
    const { app, policy, sts } = policyOf({ networkPolicy: {} });
    expect(policy.apiVersion).toEqual('networking.k8s.io/v1');
    expect(policy.metadata.namespace).toEqual('prod');
    expect(policy.spec.podSelector).toEqual({ matchLabels: app.selectorLabels });
    expect(selects(policy.spec.podSelector.matchLabels, sts.spec.template.metadata.labels)).toBe(true);
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
  });

  test('members reach each other on every port, and without a client Service no client gets in', () => {
    const { app, policy } = policyOf({ networkPolicy: {} });
    expect(policy.spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: app.selectorLabels } }],
      ports: [{ port: 2379, protocol: 'TCP' }, { port: 2380, protocol: 'TCP' }, { port: 9090, protocol: 'TCP' }],
    }]);
  });

  test('clients of the namespace reach the client Service ports', () => {
    const { policy } = policyOf({ clientService: { ports: ['client'] }, networkPolicy: { peerPorts: ['peer'] } });
    expect(policy.spec.ingress[0].ports).toEqual([{ port: 2380, protocol: 'TCP' }]);
    expect(policy.spec.ingress[1]).toEqual({ from: [{ podSelector: {} }], ports: [{ port: 2379, protocol: 'TCP' }] });
  });

  test('the ports of the per-member Services count as client ports', () => {
    const { policy } = policyOf({
      clientService: { ports: ['client'] },
      podServices: { ports: ['metrics'] },
      networkPolicy: { peerPorts: ['peer'] },
    });
    expect(policy.spec.ingress[1].ports).toEqual([{ port: 2379, protocol: 'TCP' }, { port: 9090, protocol: 'TCP' }]);
  });

  test('clients can be chosen by pod and namespace labels, and client ports by name', () => {
    const { policy } = policyOf({
      networkPolicy: {
        peerPorts: ['peer'],
        clientPorts: ['client', 'metrics'],
        clientPodLabels: { role: 'api' },
        clientNamespaceLabels: { 'kubernetes.io/metadata.name': 'shop' },
      },
    });
    expect(policy.spec.ingress[1]).toEqual({
      from: [{ podSelector: { matchLabels: { role: 'api' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }],
      ports: [{ port: 2379, protocol: 'TCP' }, { port: 9090, protocol: 'TCP' }],
    });
  });

  test('UDP ports keep their protocol', () => {
    const { policy } = policyOf({
      container: { image: 'example/gossip:1.0.0', ports: [{ name: 'gossip', number: 7946, protocol: kplus.Protocol.UDP }] },
      networkPolicy: {},
    });
    expect(policy.spec.ingress[0].ports).toEqual([{ port: 7946, protocol: 'UDP' }]);
  });

  test('the output is valid against the Kubernetes 1.27 schema', () => {
    const { manifests } = policyOf({ clientService: {}, networkPolicy: { peerPorts: ['peer'], clientPodLabels: { role: 'api' } } });
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
  });

  test('fails at synth time when a port is declared neither by the main container nor by a sidecar', () => {
    expectInvalidAtSynth(webProps({ networkPolicy: { peerPorts: ['peer'], clientPorts: ['client'] } }),
      '\'networkPolicy.peerPorts[0]\' must name ports of the main container or a sidecar (declared: \'web\'), got \'peer\'',
      '\'networkPolicy.clientPorts[0]\' must name ports of the main container or a sidecar (declared: \'web\'), got \'client\'');
  });

  test('fails when there is no peer port', () => {
    expectInvalidProps(webProps({ networkPolicy: { peerPorts: [] } }), '\'networkPolicy.peerPorts\' must name at least one port, got []');
  });

  test('fails when a client label is invalid', () => {
    expectInvalidProps(webProps({ networkPolicy: { clientPodLabels: { role: 'a b' }, clientNamespaceLabels: { '-x': 'y' } } }),
      '\'networkPolicy.clientPodLabels\' must hold valid label keys and values, got \'role\': \'a b\'',
      '\'networkPolicy.clientNamespaceLabels\' must hold valid label keys and values, got \'-x\': \'y\'');
  });
});
