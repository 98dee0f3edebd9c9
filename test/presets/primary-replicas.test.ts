import { OrderedStatefulApp, OrderedStatefulAppProps, PrimaryReplicas, PrimaryReplicasProps } from '../../src';
import { findObject, memberView, newChart, schemaErrors, synth } from '../util';

function database(props: PrimaryReplicasProps = {}, app: Partial<OrderedStatefulAppProps> = {}, namespace?: string) {
  const chart = newChart(namespace);
  const db = new OrderedStatefulApp(chart, 'db', {
    replicas: 3,
    configMountPath: '/etc/db',
    labels: { team: 'data' },
    container: { image: 'mysql:8.0.36', ports: [{ name: 'mysql', number: 3306 }, { name: 'admin', number: 33062 }] },
    ...app,
  });
  const topology = new PrimaryReplicas(db, 'Topology', props);
  return { chart, db, topology };
}

describe('PrimaryReplicas', () => {
  test('the primary Service selects only the first pod, by the app\'s selector labels and its pod name', () => {
    const { chart } = database();
    const svc = findObject(synth(chart), 'Service', 'db-primary');
    expect(svc.spec.selector).toEqual({
      'app.kubernetes.io/instance': 'db',
      'app.kubernetes.io/name': 'db',
      'statefulset.kubernetes.io/pod-name': 'db-0',
    });
    expect(svc.spec.type).toEqual('ClusterIP');
    expect(svc.metadata.labels).toEqual({ 'app.kubernetes.io/instance': 'db', 'app.kubernetes.io/name': 'db', 'team': 'data' });
  });

  test('the read Service selects every ready member and never publishes unready ones', () => {
    const { chart } = database();
    const svc = findObject(synth(chart), 'Service', 'db-read');
    expect(svc.spec.selector).toEqual({ 'app.kubernetes.io/instance': 'db', 'app.kubernetes.io/name': 'db' });
    expect(svc.spec.publishNotReadyAddresses).toBeUndefined();
    expect(svc.spec.clusterIP).toBeUndefined();
  });

  test('both Services expose every port by default, or the ports named', () => {
    const all = findObject(synth(database().chart), 'Service', 'db-read').spec.ports;
    expect(all).toEqual([{ name: 'mysql', port: 3306, targetPort: 3306 }, { name: 'admin', port: 33062, targetPort: 33062 }]);
    const some = findObject(synth(database({ ports: ['mysql'] }).chart), 'Service', 'db-primary').spec.ports;
    expect(some).toEqual([{ name: 'mysql', port: 3306, targetPort: 3306 }]);
  });

  test('the primary follows startOrdinal', () => {
    const { chart, topology } = database({}, { startOrdinal: 2 });
    expect(topology.primaryOrdinal).toEqual(2);
    expect(findObject(synth(chart), 'Service', 'db-primary').spec.selector['statefulset.kubernetes.io/pod-name']).toEqual('db-2');
  });

  test('each member sees its role; pods added by scaling are replicas', () => {
    const manifests = synth(database().chart);
    expect(['db-0', 'db-1', 'db-2', 'db-3'].map(pod => memberView(manifests, 'db', pod, '/etc/db').files.role))
      .toEqual(['primary\n', 'replica\n', 'replica\n', 'replica\n']);
  });

  test('role files give the primary and the replicas their own content under one name', () => {
    const { chart, topology } = database({ roleFile: 'node-role' });
    topology.addRoleFile('role.cnf', '[mysqld]\nread-only=OFF\n', '[mysqld]\nread-only=ON\n');
    const manifests = synth(chart);
    expect(memberView(manifests, 'db', 'db-0', '/etc/db').files).toEqual({ 'node-role': 'primary\n', 'role.cnf': '[mysqld]\nread-only=OFF\n' });
    expect(memberView(manifests, 'db', 'db-2', '/etc/db').files).toEqual({ 'node-role': 'replica\n', 'role.cnf': '[mysqld]\nread-only=ON\n' });
  });

  test('names can be chosen, and the primary host follows the namespace', () => {
    const { chart, topology } = database({ primaryServiceName: 'writer', readServiceName: 'reader' }, {}, 'shop');
    const manifests = synth(chart);
    expect(findObject(manifests, 'Service', 'writer').metadata.namespace).toEqual('shop');
    expect(findObject(manifests, 'Service', 'reader').metadata.namespace).toEqual('shop');
    expect(topology.primaryHost).toEqual('writer.shop.svc.cluster.local');
    expect(database().topology.primaryHost).toEqual('db-primary');
  });

  test('the output is valid against the Kubernetes 1.27 schema', () => {
    expect(synth(database().chart).flatMap(schemaErrors)).toEqual([]);
  });

  test('fails when the app has no member', () => {
    expect(() => database({}, { replicas: 0 })).toThrow(
      /^'test\/db\/Topology': invalid PrimaryReplicasProps:\n- 'replicas' of the app must be at least 1 for a primary, got 0$/);
  });

  test('fails when Service names are invalid, equal, or the headless Service\'s', () => {
    expect(() => database({ primaryServiceName: 'Writer', readServiceName: 'db-headless' })).toThrow(
      '- \'primaryServiceName\' must be a DNS-1035 label (a lowercase letter first, then lowercase letters, digits and \'-\', at most 63 characters), got \'Writer\'\n'
      + '- \'readServiceName\' must differ from the headless Service\'s name, got \'db-headless\'');
    expect(() => database({ primaryServiceName: 'db-x', readServiceName: 'db-x' })).toThrow(
      '\'readServiceName\' must differ from \'primaryServiceName\', got \'db-x\' for both');
  });

  test('fails when a port is not declared or none is given', () => {
    expect(() => database({ ports: ['http'] })).toThrow('\'ports[0]\' must name ports of the main container (\'mysql\', \'admin\'), got \'http\'');
    expect(() => database({ ports: [] })).toThrow('\'ports\' must name at least one port of the main container, got []');
  });

  test('fails when a port is named twice', () => {
    expect(() => database({ ports: ['mysql', 'mysql'] })).toThrow('\'ports[1]\' must not name a port twice, got \'mysql\' twice');
  });

  test('fails when the role file name is invalid', () => {
    expect(() => database({ roleFile: '../role' })).toThrow(
      '\'roleFile\' must have only letters, digits, \'-\', \'_\' and \'.\' (a ConfigMap key, no \'/\'), got \'../role\'');
  });
});
