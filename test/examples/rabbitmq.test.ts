import { Testing } from 'cdk8s';
import { COOKIE_SECRET, RabbitMqChart } from '../../examples/rabbitmq/main';
import { findContainer, findObject, memberView, restrictedViolations, synth } from '../util';
import { testExampleOutput } from './output';

describe('examples/rabbitmq', () => {
  const chart = new RabbitMqChart(Testing.app(), 'rabbitmq');
  const manifests = synth(chart);
  const sts = findObject(manifests, 'StatefulSet', 'rabbitmq');
  const podSpec = sts.spec.template.spec;
  const main = findContainer(podSpec, 'rabbitmq');

  test('is three nodes, started in order: the first boots the cluster, each next one joins it', () => {
    expect(sts.spec.replicas).toEqual(3);
    expect(sts.spec.podManagementPolicy).toEqual('OrderedReady');
  });

  test('every node is named rabbit@<its pod\'s DNS name>, with long names', () => {
    expect(main.env).toContainEqual({ name: 'RABBITMQ_USE_LONGNAME', value: 'true' });
    expect(main.env).toContainEqual({ name: 'RABBITMQ_NODENAME', value: 'rabbit@$(POD_FQDN)' });
    const names = main.env.map((e: { name: string }) => e.name);
    expect(names.indexOf('POD_FQDN')).toBeLessThan(names.indexOf('RABBITMQ_NODENAME'));
  });

  test.each(['rabbitmq-0', 'rabbitmq-3'])('%s discovers its peers from classic config, by the node names of every member in its namespace', pod => {
    const files = memberView(manifests, 'rabbitmq', pod, '/etc/rabbitmq/conf.d/20-cluster.conf', 'queues').files;
    expect(files['cluster.conf']).toEqual(''
      + 'cluster_formation.peer_discovery_backend = classic_config\n'
      + 'cluster_formation.classic_config.nodes.1 = rabbit@rabbitmq-0.rabbitmq-headless.queues.svc.cluster.local\n'
      + 'cluster_formation.classic_config.nodes.2 = rabbit@rabbitmq-1.rabbitmq-headless.queues.svc.cluster.local\n'
      + 'cluster_formation.classic_config.nodes.3 = rabbit@rabbitmq-2.rabbitmq-headless.queues.svc.cluster.local\n');
  });

  test('the Erlang cookie from the Secret is $HOME/.erlang.cookie, owned by the node\'s user and readable by it alone', () => {
    const init = findContainer(podSpec, 'secret-files', 'initContainers');
    expect(init.securityContext).toMatchObject({ runAsUser: 999, runAsGroup: 999 });
    expect(init.env).toContainEqual({ name: 'SECRET_FILES', value: '0:cookie:0400' });
    const paths = main.volumeMounts.map((m: { mountPath: string }) => m.mountPath);
    expect(paths.indexOf('/var/lib/rabbitmq')).toBeLessThan(paths.indexOf('/var/lib/rabbitmq/.erlang.cookie'));
    expect(main.volumeMounts).toContainEqual({ name: 'secret-files', mountPath: '/var/lib/rabbitmq/.erlang.cookie', subPath: '0', readOnly: true });
    expect(podSpec.volumes).toContainEqual({ name: 'secret-file-0', secret: { secretName: COOKIE_SECRET, defaultMode: 0o444, items: [{ key: 'cookie', path: 'cookie' }] } });
  });

  test('clients reach the ready nodes through the Service rabbitmq on 5672', () => {
    expect(findObject(manifests, 'Service', 'rabbitmq').spec.ports).toEqual([{ name: 'amqp', port: 5672, targetPort: 5672 }]);
  });

  test('the headless Service publishes the Erlang distribution ports, which the nodes reach each other on', () => {
    expect(findObject(manifests, 'Service', 'rabbitmq-headless').spec.ports.map((p: { name: string }) => p.name)).toEqual(['amqp', 'epmd', 'dist', 'prometheus']);
  });

  test('passes the restricted Pod Security Standard', () => {
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  testExampleOutput(manifests, ['accepted secret-missing StatefulSet/default/rabbitmq']);
});
