import { AppIdentity, AppIdentityProps } from '../../src/ground/identity';

function identity(overrides: Partial<AppIdentityProps> = {}): AppIdentity {
  return new AppIdentity({
    name: 'zk',
    serviceName: 'zk-headless',
    clusterDomain: 'cluster.local',
    replicas: 3,
    startOrdinal: 0,
    ports: [{ name: 'client', number: 2181 }, { name: 'dns', number: 53, protocol: 'UDP' }],
    ...overrides,
  });
}

describe('AppIdentity', () => {
  test('members are <name>-<ordinal> from startOrdinal on', () => {
    const id = identity({ startOrdinal: 5, replicas: 2 });
    expect(id.ordinals).toEqual([5, 6]);
    expect(id.lastOrdinal).toEqual(6);
    expect(id.ordinals.map(o => id.podName(o))).toEqual(['zk-5', 'zk-6']);
    expect([4, 5, 6, 7, 5.5].map(o => id.isMember(o))).toEqual([false, true, true, false, false]);
  });

  test('DNS names are fully qualified when the namespace is known', () => {
    const id = identity({ namespace: 'data', clusterDomain: 'example.org' });
    expect(id.serviceDomain).toEqual('zk-headless.data.svc.example.org');
    expect(id.podFqdn(1)).toEqual('zk-1.zk-headless.data.svc.example.org');
    expect(id.serviceHost('zk-client')).toEqual('zk-client.data.svc.example.org');
    expect(id.srvName(id.port('dns')!)).toEqual('_dns._udp.zk-headless.data.svc.example.org');
  });

  test('DNS names resolve from inside the namespace when it is not known', () => {
    const id = identity();
    expect(id.podFqdn(0)).toEqual('zk-0.zk-headless');
    expect(id.srvName(id.port('client')!)).toEqual('_client._tcp.zk-headless');
  });

  test('selector labels are the app name, whatever else is set', () => {
    expect(identity({ name: 'db' }).selectorLabels).toEqual({ 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/instance': 'db' });
  });

  test('an invalid replica count gives no members instead of throwing', () => {
    expect(identity({ replicas: -1 }).ordinals).toEqual([]);
    expect(identity({ replicas: NaN }).ordinals).toEqual([]);
  });
});
