import { StatefulSet } from './manifest';
import { memberConfigMap, missingMemberFiles } from './scaling';

describe('missingMemberFiles', () => {
  test('names the members\' files that no default provides', () => {
    const keys = ['shared.zoo.cfg', 'zk-0.myid', 'zk-1.myid', 'zk-2.myid'];
    expect(missingMemberFiles('zk', keys)).toEqual(['myid']);
  });

  test('is empty when every member\'s file has a default', () => {
    const keys = ['default.role', 'mysql-0.role', 'default.server.cnf', 'mysql-0.server.cnf'];
    expect(missingMemberFiles('mysql', keys)).toEqual([]);
  });

  test('reads the file name after the first dot, and lists each once, sorted', () => {
    const keys = ['db-0.server-id.cnf', 'db-1.server-id.cnf', 'db-0.a.conf', 'default.role.cnf', 'db-0.role.cnf'];
    expect(missingMemberFiles('db', keys)).toEqual(['a.conf', 'server-id.cnf']);
  });

  test('reads only the app\'s own members, not an app whose name starts alike', () => {
    expect(missingMemberFiles('zk', ['zk-client-0.myid', 'zkx-0.myid'])).toEqual([]);
  });
});

describe('memberConfigMap', () => {
  const sts = (initVolume: string): StatefulSet => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'zk' },
    spec: {
      serviceName: 'zk-headless',
      template: {
        spec: {
          initContainers: [{ name: 'member-config', image: 'busybox:1.36.1', volumeMounts: [{ name: initVolume, mountPath: '/config-source' }] }],
          containers: [],
          volumes: [{ name: 'member-config-source', configMap: { name: 'zk-config' } }, { name: 'other', configMap: { name: 'other' } }],
        },
      },
    },
  });

  test('is the ConfigMap the member-config init container mounts', () => {
    expect(memberConfigMap(sts('member-config-source'))).toBe('zk-config');
  });

  test('is undefined when that container mounts no ConfigMap', () => {
    expect(memberConfigMap(sts('nothing'))).toBeUndefined();
  });
});
