import { ensemble } from './ensemble';
import { DisruptionBudget, Etcd, Kraft, ScaledPods, ZooKeeper } from '../../src';
import { findAll, findObject, memberView, synth } from '../util';

describe('Quorum', () => {
  test('defaults: ids start at 1, the id file is myid, the quorum is a majority', () => {
    const { quorum } = ensemble();
    expect(quorum.idOffset).toEqual(1);
    expect(quorum.idFile).toEqual('myid');
    expect(quorum.members).toEqual(3);
    expect(quorum.quorumSize).toEqual(2);
  });

  test.each([[1, 1], [3, 2], [5, 3], [7, 4]])('%i members need %i for a quorum', (replicas, size) => {
    expect(ensemble({}, { replicas }).quorum.quorumSize).toEqual(size);
  });

  test('each member sees its id in its id file', () => {
    const { chart } = ensemble();
    const manifests = synth(chart);
    expect(['zk-0', 'zk-1', 'zk-2'].map(pod => memberView(manifests, 'zk', pod, '/conf').files)).toEqual([
      { myid: '1\n' }, { myid: '2\n' }, { myid: '3\n' },
    ]);
  });

  test('ids follow the offset, the file name and startOrdinal', () => {
    const { chart, quorum } = ensemble({ idOffset: 0, idFile: 'node.id' }, { startOrdinal: 3 });
    expect(findObject(synth(chart), 'ConfigMap', 'zk-config').data).toEqual({ 'members': '3 5\n', 'zk-3.node.id': '3\n', 'zk-4.node.id': '4\n', 'zk-5.node.id': '5\n' });
    expect(quorum.memberId(5)).toEqual(5);
  });

  test('a pod added by scaling has no id and refuses to start', () => {
    const { chart } = ensemble();
    expect(memberView(synth(chart), 'zk', 'zk-3', '/conf').error).toContain('zk-3: refusing to start without the files myid,');
  });

  test('with ScaledPods.JOIN, every pod computes its id, a pod added by scaling too', () => {
    const { chart } = ensemble({ scaledPods: ScaledPods.JOIN, idOffset: 0, idFile: 'node-id' });
    const manifests = synth(chart);
    expect(['zk-0', 'zk-2', 'zk-3'].map(pod => memberView(manifests, 'zk', pod, '/conf').files['node-id'])).toEqual(['0\n', '2\n', '3\n']);
    expect(findObject(manifests, 'ConfigMap', 'zk-config').data['template.node-id']).toEqual('ordinal 0\nnewline\n');
  });

  test('the disruption budget keeps a majority', () => {
    const { chart } = ensemble({}, { replicas: 5 });
    expect(findObject(synth(chart), 'PodDisruptionBudget', 'zk').spec.maxUnavailable).toEqual(2);
  });

  test('a stricter budget of the app is kept: minAvailable(3) of 3 members stays', () => {
    const { chart } = ensemble({}, { disruptionBudget: DisruptionBudget.minAvailable(3) });
    expect(findObject(synth(chart), 'PodDisruptionBudget', 'zk').spec).toMatchObject({ minAvailable: 3 });
  });

  test('an app without a budget (DisruptionBudget.none()) gets none', () => {
    const { chart } = ensemble({}, { disruptionBudget: DisruptionBudget.none() });
    expect(findAll(synth(chart), 'PodDisruptionBudget')).toEqual([]);
  });

  test('connect string: every member\'s DNS name and port', () => {
    const { quorum } = ensemble();
    expect(quorum.connectString('client')).toEqual('zk-0.zk-headless:2181,zk-1.zk-headless:2181,zk-2.zk-headless:2181');
  });

  test('the deprecated application formats give what the application classes give', () => {
    const { zk, quorum } = ensemble({}, {}, 'data');
    expect(quorum.serverLines('quorum', 'election')).toEqual(ZooKeeper.serverLines(quorum, 'quorum', 'election'));
    expect(quorum.voters('quorum')).toEqual(Kraft.controllerQuorumVoters(quorum, 'quorum'));
    expect(quorum.initialCluster('quorum', 'https')).toEqual(Etcd.initialCluster(zk, 'quorum', 'https'));
  });

  test('with voters, the ensemble is the first members: its majority, its peer lists', () => {
    const { quorum } = ensemble({ voters: 3 }, { replicas: 5 });
    expect(quorum.members).toEqual(3);
    expect(quorum.quorumSize).toEqual(2);
    expect(Kraft.controllerQuorumVoters(quorum, 'quorum')).toEqual('1@zk-0.zk-headless:2888,2@zk-1.zk-headless:2888,3@zk-2.zk-headless:2888');
  });

  test('with voters, the members past them get ids too', () => {
    const manifests = synth(ensemble({ voters: 3 }, { replicas: 5 }).chart);
    expect(['zk-3', 'zk-4'].map(pod => memberView(manifests, 'zk', pod, '/conf').files)).toEqual([{ myid: '4\n' }, { myid: '5\n' }]);
  });

  test('with voters, the disruption budget keeps a majority of the voters even if only voters are disrupted', () => {
    const { chart } = ensemble({ voters: 3 }, { replicas: 5 });
    expect(findObject(synth(chart), 'PodDisruptionBudget', 'zk').spec.maxUnavailable).toEqual(1);
  });

  test('fails when the voters are more than the members', () => {
    expect(() => ensemble({ voters: 5 })).toThrow(
      '\'voters\' must be an integer from 1 to the app\'s replicas (3), got 5');
  });

  test('fails when the voters are even', () => {
    expect(() => ensemble({ voters: 2 })).toThrow(
      '\'voters\' must be odd: 2 members tolerate no more failures than 1, got 2; set \'allowEvenMembers: true\' to accept it');
  });

  test('an even member count is accepted when allowed explicitly', () => {
    expect(ensemble({ allowEvenMembers: true }, { replicas: 4 }).quorum.quorumSize).toEqual(3);
  });

  test('fails when the member count is even', () => {
    expect(() => ensemble({}, { replicas: 4 })).toThrow(
      /^'test\/zk\/Quorum': invalid QuorumProps:\n- 'replicas' of the app must be odd: 4 members tolerate no more failures than 3, got 4; set 'allowEvenMembers: true' to accept it$/);
  });

  test('fails when there is no member', () => {
    expect(() => ensemble({}, { replicas: 0 })).toThrow('\'replicas\' of the app must be at least 1 for a quorum, got 0');
  });

  test('fails when the offset or the file name is invalid', () => {
    expect(() => ensemble({ idOffset: -1, idFile: 'a/b' })).toThrow(
      '- \'idOffset\' must be an integer from 0 to 2147483647, got -1\n- \'idFile\' must have only letters, digits, \'-\', \'_\' and \'.\' (a ConfigMap key, no \'/\'), got \'a/b\'');
  });

  test('fails when the offset makes a member id beyond int32', () => {
    expect(() => ensemble({ idOffset: 2147483646 })).toThrow(
      '\'idOffset\' makes the id of the last member 2147483648, but member ids are int32 (at most 2147483647), got 2147483646');
  });

  test('fails when asked for the id of a non-member or a scheme other than http(s)', () => {
    const { quorum } = ensemble();
    expect(() => quorum.memberId(3)).toThrow('ordinal 3 is not a member: members have ordinals 0 to 2');
    expect(() => quorum.initialCluster('quorum', 'ftp')).toThrow('\'test/zk/Quorum\': \'scheme\' must be \'http\' or \'https\', got \'ftp\'');
  });
});
