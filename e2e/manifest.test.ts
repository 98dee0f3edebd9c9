import { Container, resolvePort, selects, StatefulSet, unsupportedFields } from './manifest';

function statefulSet(podSpec: object, container: object = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      serviceName: 'web-headless',
      template: { spec: { containers: [{ name: 'web', image: 'nginxinc/nginx-unprivileged:1.25.5', ...container }], ...podSpec } },
    },
  } as StatefulSet;
}

describe('unsupportedFields', () => {
  test('accepts what the examples use', () => {
    const sts = statefulSet({
      dnsPolicy: 'ClusterFirst',
      volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'config', configMap: { name: 'c' } }],
    }, {
      env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      readinessProbe: { httpGet: { path: '/health', port: 2379, scheme: 'HTTP' } },
    });
    expect(unsupportedFields(sts)).toEqual([]);
  });

  test('names every field the harness would have to ignore', () => {
    const sts = statefulSet({
      hostNetwork: true,
      volumes: [{ name: 'host', hostPath: { path: '/' } }],
    }, {
      envFrom: [{ configMapRef: { name: 'c' } }],
      env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
      readinessProbe: { grpc: { port: 1 } },
    });
    expect(unsupportedFields(sts)).toEqual([
      'spec.template.spec.hostNetwork',
      "volume 'host': only emptyDir, configMap and secret volumes (and volumeClaimTemplates)",
      "container 'web': envFrom",
      "container 'web': env 'NODE' from field 'spec.nodeName' (only metadata.name, metadata.namespace, status.podIP)",
      "container 'web': readinessProbe without tcpSocket, httpGet or exec",
    ]);
  });
});

describe('selects', () => {
  test('selects pods that carry every label of the selector', () => {
    expect(selects({ a: '1' }, { a: '1', b: '2' })).toBe(true);
    expect(selects({ a: '1', c: '3' }, { a: '1', b: '2' })).toBe(false);
  });

  test('an empty or missing selector selects nothing', () => {
    expect(selects({}, { a: '1' })).toBe(false);
    expect(selects(undefined, { a: '1' })).toBe(false);
  });
});

describe('resolvePort', () => {
  const container: Container = { name: 'etcd', image: 'etcd', ports: [{ name: 'client', containerPort: 2379 }] };

  test('resolves a port name through the container\'s ports', () => {
    expect(resolvePort('client', container)).toBe(2379);
    expect(resolvePort(2380, container)).toBe(2380);
  });

  test('fails on a name the container does not declare', () => {
    expect(() => resolvePort('peer', container)).toThrow("container 'etcd' has no port named 'peer'");
  });
});
