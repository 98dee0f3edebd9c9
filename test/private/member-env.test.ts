import * as kplus from 'cdk8s-plus-27';
import { OrderedStatefulApp, OrderedStatefulAppProps } from '../../src';
import { containerEnv, expandVars, findContainer, findObject, Manifest, newChart, synth } from '../util';

function mainContainer(overrides: Partial<OrderedStatefulAppProps> = {}, namespace?: string): Manifest {
  const chart = newChart(namespace);
  new OrderedStatefulApp(chart, 'kafka', {
    serviceName: 'brokers',
    container: { image: 'apache/kafka:3.7.0', ports: [{ name: 'broker', number: 9092 }] },
    ...overrides,
  });
  return findContainer(findObject(synth(chart), 'StatefulSet', 'kafka').spec.template.spec, 'kafka');
}

function mainEnv(overrides: Partial<OrderedStatefulAppProps> = {}) {
  return mainContainer(overrides).env;
}

describe('member identity in the environment', () => {
  test('every member gets its pod name, namespace, IP, headless Service and DNS names, even without config files', () => {
    expect(mainEnv()).toEqual([
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'HEADLESS_SERVICE', value: 'brokers' },
      { name: 'HEADLESS_SERVICE_DOMAIN', value: '$(HEADLESS_SERVICE).$(POD_NAMESPACE).svc.cluster.local' },
      { name: 'POD_FQDN', value: '$(POD_NAME).$(HEADLESS_SERVICE_DOMAIN)' },
    ]);
  });

  test('the DNS names follow the cluster domain', () => {
    expect(mainEnv({ clusterDomain: 'corp.internal' })).toContainEqual(
      { name: 'HEADLESS_SERVICE_DOMAIN', value: '$(HEADLESS_SERVICE).$(POD_NAMESPACE).svc.corp.internal' });
  });

  test('the member variables come before the user\'s, which are kept', () => {
    const env = mainEnv({
      container: {
        image: 'apache/kafka:3.7.0',
        ports: [{ name: 'broker', number: 9092 }],
        envVariables: { KAFKA_HEAP_OPTS: kplus.EnvValue.fromValue('-Xmx512m') },
      },
    });
    expect(env.map((e: { name: string }) => e.name)).toEqual(
      ['POD_NAME', 'POD_NAMESPACE', 'POD_IP', 'HEADLESS_SERVICE', 'HEADLESS_SERVICE_DOMAIN', 'POD_FQDN', 'KAFKA_HEAP_OPTS']);
  });

  test('the user\'s variables, command and args can use the member variables', () => {
    const main = mainContainer({
      container: {
        image: 'apache/kafka:3.7.0',
        ports: [{ name: 'broker', number: 9092 }],
        command: ['kafka-server-start.sh', '--override', 'broker.rack=$(POD_NAMESPACE)'],
        args: ['--override', 'advertised.listeners=$(ADVERTISED)'],
        envVariables: { ADVERTISED: kplus.EnvValue.fromValue('PLAINTEXT://$(POD_FQDN):9092') },
      },
    }, 'data');
    const env = containerEnv(main, 'kafka-1', 'data');
    expect(env.ADVERTISED).toEqual('PLAINTEXT://kafka-1.brokers.data.svc.cluster.local:9092');
    expect(env.POD_IP).toEqual('10.0.0.1');
    expect([...main.command, ...main.args].map((arg: string) => expandVars(arg, env))).toEqual([
      'kafka-server-start.sh', '--override', 'broker.rack=data', '--override', 'advertised.listeners=PLAINTEXT://kafka-1.brokers.data.svc.cluster.local:9092',
    ]);
  });

  test('fails when the user sets a variable the library sets', () => {
    expect(() => mainEnv({
      container: {
        image: 'apache/kafka:3.7.0',
        ports: [{ name: 'broker', number: 9092 }],
        envVariables: { POD_NAME: kplus.EnvValue.fromValue('x') },
      },
    })).toThrow('\'container.envVariables.POD_NAME\' cannot be set: the library sets POD_NAME in every member, got \'x\'');
  });
});
