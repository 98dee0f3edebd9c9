import { ensemble } from './ensemble';
import { Kraft } from '../../src';

describe('Kraft', () => {
  test('controller quorum voters: id@DNS name:port of every member, comma-separated', () => {
    const { quorum } = ensemble({ idOffset: 0 });
    expect(Kraft.controllerQuorumVoters(quorum, 'quorum')).toEqual(
      '0@zk-0.zk-headless:2888,1@zk-1.zk-headless:2888,2@zk-2.zk-headless:2888');
  });

  test('voters carry the namespace and cluster domain of the app', () => {
    const { quorum } = ensemble({}, { replicas: 1, clusterDomain: 'example.org' }, 'kafka');
    expect(Kraft.controllerQuorumVoters(quorum, 'quorum')).toEqual('1@zk-0.zk-headless.kafka.svc.example.org:2888');
  });
});
