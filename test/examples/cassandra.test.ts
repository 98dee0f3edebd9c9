import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { CassandraChart } from '../../examples/cassandra/main';
import { findContainer, findObject, memberView, restrictedViolations, simulatedPodIp, synth } from '../util';
import { testExampleOutput } from './output';

describe('examples/cassandra', () => {
  const chart = new CassandraChart(Testing.app(), 'cassandra');
  const manifests = synth(chart);
  const sts = findObject(manifests, 'StatefulSet', 'cassandra');
  const podSpec = sts.spec.template.spec;
  const config = (pod: string) => YAML.parse(memberView(manifests, 'cassandra', pod, '/etc/cassandra/cassandra.yaml').files['cassandra.yaml']);

  test('three nodes start in order', () => {
    expect(sts.spec.replicas).toEqual(3);
    expect(sts.spec.podManagementPolicy).toEqual('OrderedReady');
  });

  test.each(['cassandra-0', 'cassandra-1', 'cassandra-2', 'cassandra-3'])('%s listens and broadcasts on its own address, with the first two as seeds', pod => {
    const yaml = config(pod);
    expect(yaml.listen_address).toEqual(simulatedPodIp(pod));
    expect(yaml.broadcast_address).toEqual(simulatedPodIp(pod));
    expect(yaml.broadcast_rpc_address).toEqual(simulatedPodIp(pod));
    expect(yaml.seed_provider[0].parameters[0].seeds).toEqual(
      'cassandra-0.cassandra-headless:7000,cassandra-1.cassandra-headless:7000');
  });

  test('cassandra.yaml is placed over the image\'s own, and the other files of /etc/cassandra stay', () => {
    const mounts = findContainer(podSpec, 'cassandra').volumeMounts;
    expect(mounts).toContainEqual({ name: 'member-config', mountPath: '/etc/cassandra/cassandra.yaml', subPath: 'cassandra.yaml', readOnly: true });
    expect(mounts.filter((m: { mountPath: string }) => m.mountPath === '/etc/cassandra')).toEqual([]);
  });

  test('a node drains before it stops, within two minutes', () => {
    expect(findContainer(podSpec, 'cassandra').lifecycle).toEqual({ preStop: { exec: { command: ['nodetool', 'drain'] } } });
    expect(podSpec.terminationGracePeriodSeconds).toEqual(120);
  });

  test('a node is ready once it serves CQL', () => {
    expect(findContainer(podSpec, 'cassandra').readinessProbe.tcpSocket).toEqual({ port: 9042 });
  });

  test('passes the restricted Pod Security Standard', () => {
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  testExampleOutput(manifests);
});
