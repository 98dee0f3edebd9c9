import { clusterRecords, dnsmasqInput, PodEndpoint } from './dns';
import { Service } from './manifest';

const labels = { 'app.kubernetes.io/name': 'zk' };

function pod(ordinal: number, ready: boolean, namespace = 'default'): PodEndpoint {
  return {
    name: `zk-${ordinal}`,
    namespace,
    subdomain: 'zk-headless',
    ip: `10.244.0.${10 + ordinal}`,
    ready,
    labels: { ...labels, 'statefulset.kubernetes.io/pod-name': `zk-${ordinal}` },
    ports: { client: 2181 },
  };
}

function service(name: string, spec: Partial<Service['spec']>): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: labels, ...spec } };
}

const headless = (publishNotReadyAddresses: boolean) => service('zk-headless', {
  clusterIP: 'None',
  publishNotReadyAddresses,
  ports: [{ name: 'client', port: 2181, targetPort: 'client' }, { port: 9999 }],
});
const pods = [pod(0, true), pod(1, false)];

describe('clusterRecords', () => {
  test('a headless Service that publishes unready members answers for every member', () => {
    const records = clusterRecords([headless(true)], pods);
    expect(records.a.get('zk-headless.default.svc.cluster.local')).toEqual(['10.244.0.10', '10.244.0.11']);
    expect(records.a.get('zk-1.zk-headless.default.svc.cluster.local')).toEqual(['10.244.0.11']);
  });

  test('a headless Service without publishNotReadyAddresses answers for ready members only', () => {
    const records = clusterRecords([headless(false)], pods);
    expect(records.a.get('zk-headless.default.svc.cluster.local')).toEqual(['10.244.0.10']);
    expect(records.a.has('zk-1.zk-headless.default.svc.cluster.local')).toBe(false);
  });

  test('a headless Service has one SRV record per member for each named port, at the target port', () => {
    const records = clusterRecords([headless(true)], pods);
    expect(records.srv).toEqual([
      { name: '_client._tcp.zk-headless.default.svc.cluster.local', target: 'zk-0.zk-headless.default.svc.cluster.local', port: 2181 },
      { name: '_client._tcp.zk-headless.default.svc.cluster.local', target: 'zk-1.zk-headless.default.svc.cluster.local', port: 2181 },
    ]);
  });

  test('a Service with a cluster IP answers with its ready pods and one SRV record per named port on its own name', () => {
    const records = clusterRecords([service('zk-client', { ports: [{ name: 'client', port: 2181, protocol: 'UDP' }] })], pods);
    expect(records.a.get('zk-client.default.svc.cluster.local')).toEqual(['10.244.0.10']);
    expect(records.srv).toEqual([
      { name: '_client._udp.zk-client.default.svc.cluster.local', target: 'zk-client.default.svc.cluster.local', port: 2181 },
    ]);
  });

  test('a Service selecting one pod by name answers with that pod only', () => {
    const primary = service('zk-primary', { selector: { ...labels, 'statefulset.kubernetes.io/pod-name': 'zk-1' } });
    const records = clusterRecords([primary], [pod(0, true), pod(1, true)]);
    expect(records.a.get('zk-primary.default.svc.cluster.local')).toEqual(['10.244.0.11']);
  });

  test('a Service selects pods of its own namespace only', () => {
    const records = clusterRecords([headless(true)], [pod(0, true, 'other')]);
    expect(records.a.size).toBe(0);
  });

  test('a headless Service names the members of another subdomain by their dashed address', () => {
    const other = { ...headless(true), metadata: { name: 'zk-all' } };
    const records = clusterRecords([other], [pod(0, true)]);
    expect(records.a.get('10-244-0-10.zk-all.default.svc.cluster.local')).toEqual(['10.244.0.10']);
  });
});

describe('dnsmasqInput', () => {
  test('writes one hosts line per name and address, the pod names first (they answer reverse lookups)', () => {
    const client = service('zk-client', {});
    const input = dnsmasqInput(clusterRecords([client, headless(true)], [pod(0, true)]));
    expect(input.hosts).toBe([
      '10.244.0.10 zk-0.zk-headless.default.svc.cluster.local',
      '10.244.0.10 zk-client.default.svc.cluster.local',
      '10.244.0.10 zk-headless.default.svc.cluster.local',
      '',
    ].join('\n'));
  });

  test('writes one SRV option per record', () => {
    const input = dnsmasqInput(clusterRecords([headless(true)], [pod(0, true)]));
    expect(input.srvOptions).toEqual([
      '--srv-host=_client._tcp.zk-headless.default.svc.cluster.local,zk-0.zk-headless.default.svc.cluster.local,2181,0,100',
    ]);
  });
});
