import { OrderedStatefulApp, OrderedStatefulAppProps, Quorum, QuorumProps } from '../../src';
import { newChart } from '../util';

const PORTS = [
  { name: 'client', number: 2181 },
  { name: 'quorum', number: 2888 },
  { name: 'election', number: 3888 },
];

/** A three-member ZooKeeper-like app `zk` with a `Quorum`, with overrides. */
export function ensemble(props: QuorumProps = {}, app: Partial<OrderedStatefulAppProps> = {}, namespace?: string) {
  const chart = newChart(namespace);
  const zk = new OrderedStatefulApp(chart, 'zk', {
    replicas: 3, configMountPath: '/conf', container: { image: 'zookeeper:3.8.4', ports: PORTS }, ...app,
  });
  const quorum = new Quorum(zk, 'Quorum', props);
  return { chart, zk, quorum };
}
