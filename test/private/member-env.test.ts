import * as kplus from 'cdk8s-plus-27';
import { OrderedStatefulApp, OrderedStatefulAppProps } from '../../src';
import { findContainer, findObject, newChart, synth } from '../util';

function mainEnv(overrides: Partial<OrderedStatefulAppProps> = {}) {
  const chart = newChart();
  new OrderedStatefulApp(chart, 'kafka', {
    serviceName: 'brokers',
    container: { image: 'apache/kafka:3.7.0', ports: [{ name: 'broker', number: 9092 }] },
    ...overrides,
  });
  return findContainer(findObject(synth(chart), 'StatefulSet', 'kafka').spec.template.spec, 'kafka').env;
}

describe('member identity in the environment', () => {
  test('every member gets its pod name, namespace, headless Service and DNS names, even without config files', () => {
    expect(mainEnv()).toEqual([
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'HEADLESS_SERVICE', value: 'brokers' },
      { name: 'HEADLESS_SERVICE_DOMAIN', value: '$(HEADLESS_SERVICE).$(POD_NAMESPACE).svc.cluster.local' },
      { name: 'POD_FQDN', value: '$(POD_NAME).$(HEADLESS_SERVICE_DOMAIN)' },
    ]);
  });

  test('the DNS names follow the cluster domain', () => {
    expect(mainEnv({ clusterDomain: 'corp.internal' })).toContainEqual(
      { name: 'HEADLESS_SERVICE_DOMAIN', value: '$(HEADLESS_SERVICE).$(POD_NAMESPACE).svc.corp.internal' });
  });

  test('the user\'s variables come first and are kept', () => {
    const env = mainEnv({
      container: {
        image: 'apache/kafka:3.7.0',
        ports: [{ name: 'broker', number: 9092 }],
        envVariables: { KAFKA_HEAP_OPTS: kplus.EnvValue.fromValue('-Xmx512m') },
      },
    });
    expect(env.map((e: { name: string }) => e.name)).toEqual(
      ['KAFKA_HEAP_OPTS', 'POD_NAME', 'POD_NAMESPACE', 'HEADLESS_SERVICE', 'HEADLESS_SERVICE_DOMAIN', 'POD_FQDN']);
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
