import { ensemble } from './ensemble';
import { Etcd } from '../../src';

describe('Etcd', () => {
  test('initial cluster: pod name = URL of every member, http by default', () => {
    const { zk } = ensemble();
    expect(Etcd.initialCluster(zk, 'quorum')).toEqual(
      'zk-0=http://zk-0.zk-headless:2888,zk-1=http://zk-1.zk-headless:2888,zk-2=http://zk-2.zk-headless:2888');
  });

  test('initial cluster over https', () => {
    const { zk } = ensemble({}, { replicas: 1 }, 'db');
    expect(Etcd.initialCluster(zk, 'quorum', 'https')).toEqual('zk-0=https://zk-0.zk-headless.db.svc.cluster.local:2888');
  });

  test('fails when the scheme is neither http nor https', () => {
    const { zk } = ensemble();
    expect(() => Etcd.initialCluster(zk, 'quorum', 'ftp')).toThrow('\'test/zk\': \'scheme\' must be \'http\' or \'https\', got \'ftp\'');
  });
});
