import { Testing } from 'cdk8s';
import { CLUSTER_ID, KafkaChart } from '../../examples/kafka/main';
import { containerEnv, findContainer, findObject, memberView, restrictedViolations, synth } from '../util';
import { testExampleOutput } from './output';

/** `server.properties` as a Map of its keys, for one pod. */
function properties(manifests: ReturnType<typeof synth>, pod: string): Map<string, string> {
  const text = memberView(manifests, 'kafka', pod, '/config').files['server.properties'];
  return new Map(text.split('\n').filter(line => line.includes('=')).map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('examples/kafka', () => {
  const chart = new KafkaChart(Testing.app(), 'kafka');
  const manifests = synth(chart);
  const sts = findObject(manifests, 'StatefulSet', 'kafka');
  const podSpec = sts.spec.template.spec;
  const voters = '0@kafka-0.kafka-headless:9093,1@kafka-1.kafka-headless:9093,2@kafka-2.kafka-headless:9093';

  test('is three members in KRaft combined mode, started in parallel, with a quorum of two', () => {
    expect(sts.spec.replicas).toEqual(3);
    expect(sts.spec.podManagementPolicy).toEqual('Parallel');
    expect(chart.quorum.quorumSize).toEqual(2);
    expect(findObject(manifests, 'PodDisruptionBudget', 'kafka').spec.maxUnavailable).toEqual(1);
  });

  test.each([0, 1, 2])('kafka-%i has node.id = its ordinal, its own address and every voter', ordinal => {
    const props = properties(manifests, `kafka-${ordinal}`);
    expect(props.get('node.id')).toEqual(String(ordinal));
    expect(props.get('advertised.listeners')).toEqual(`PLAINTEXT://kafka-${ordinal}.kafka-headless.default.svc.cluster.local:9092`);
    expect(props.get('controller.quorum.voters')).toEqual(voters);
    expect(props.get('process.roles')).toEqual('broker,controller');
    expect(props.get('listeners')).toEqual('PLAINTEXT://:9092,CONTROLLER://:9093');
  });

  test('kafka-3, added by scaling, gets node.id=3 and its own address without re-synthesis, and joins as a broker', () => {
    const props = properties(manifests, 'kafka-3');
    expect(props.get('node.id')).toEqual('3');
    expect(props.get('advertised.listeners')).toEqual('PLAINTEXT://kafka-3.kafka-headless.default.svc.cluster.local:9092');
    expect(props.get('process.roles')).toEqual('broker');
    expect(props.get('controller.quorum.voters')).toEqual(voters);
  });

  describe('scaled to 5 members by the replicas prop', () => {
    const five = synth(new KafkaChart(Testing.app(), 'kafka', { replicas: 5 }));
    const template = (m: ReturnType<typeof synth>) => JSON.stringify(findObject(m, 'StatefulSet', 'kafka').spec.template);

    test('has 5 members', () => {
      expect(findObject(five, 'StatefulSet', 'kafka').spec.replicas).toEqual(5);
    });

    test('leaves the pod template byte-identical, so no member restarts', () => {
      expect(template(five)).toEqual(template(manifests));
    });

    test.each([0, 1, 2])('leaves the server.properties of kafka-%i, a controller, as it is', ordinal => {
      expect(properties(five, `kafka-${ordinal}`)).toEqual(properties(manifests, `kafka-${ordinal}`));
    });

    test.each([3, 4])('makes kafka-%i a broker only, with its own id, and the three voters', ordinal => {
      const props = properties(five, `kafka-${ordinal}`);
      expect(props.get('node.id')).toEqual(String(ordinal));
      expect(props.get('process.roles')).toEqual('broker');
      expect(props.get('listeners')).toEqual('PLAINTEXT://:9092');
      expect(props.get('controller.quorum.voters')).toEqual(voters);
    });

    test('keeps a majority of the controllers through voluntary disruptions', () => {
      expect(findObject(five, 'PodDisruptionBudget', 'kafka').spec.maxUnavailable).toEqual(1);
    });
  });

  test('the cluster id is fixed in code and given to the storage format', () => {
    const main = findContainer(podSpec, 'kafka');
    expect(containerEnv(main, 'kafka-0').CLUSTER_ID).toEqual(CLUSTER_ID);
    expect(main.command.join(' ')).toContain('kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID"');
  });

  test('passes the restricted Pod Security Standard', () => {
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  testExampleOutput(manifests);
});
