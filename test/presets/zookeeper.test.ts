import { ensemble } from './ensemble';
import { ZooKeeper } from '../../src';

describe('ZooKeeper', () => {
  test('server lines list every member by id and DNS name, with the quorum and election ports', () => {
    const { quorum } = ensemble({}, {}, 'data');
    expect(ZooKeeper.serverLines(quorum, 'quorum', 'election')).toEqual(
      'server.1=zk-0.zk-headless.data.svc.cluster.local:2888:3888\n'
      + 'server.2=zk-1.zk-headless.data.svc.cluster.local:2888:3888\n'
      + 'server.3=zk-2.zk-headless.data.svc.cluster.local:2888:3888\n');
  });

  test('server lines follow the id offset and startOrdinal', () => {
    const { quorum } = ensemble({ idOffset: 10 }, { startOrdinal: 2, replicas: 1 });
    expect(ZooKeeper.serverLines(quorum, 'quorum', 'election')).toEqual('server.12=zk-2.zk-headless:2888:3888\n');
  });

  test('fails when a port is not declared', () => {
    const { quorum } = ensemble();
    expect(() => ZooKeeper.serverLines(quorum, 'peer', 'election')).toThrow(
      "'test/zk': no port named 'peer' on the main container or a sidecar; declared ports: 'client', 'quorum', 'election'");
  });

  test('fails when the quorum and the election port are the same', () => {
    const { quorum } = ensemble();
    expect(() => ZooKeeper.serverLines(quorum, 'quorum', 'quorum')).toThrow(
      "'test/zk/Quorum': 'electionPort' must name another port than 'quorumPort', which ZooKeeper binds too, got port 2888 for both");
  });
});
