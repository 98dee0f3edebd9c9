import { configFileNameProblem, configKey, configMapName, parseConfigKey } from '../../src/ground/member-config';

describe('the member config convention', () => {
  test('a key is the scope, a dot and the file name; the file name keeps its dots', () => {
    expect(configKey('zk-0', 'zoo.cfg')).toEqual('zk-0.zoo.cfg');
    expect(parseConfigKey('zk-0.zoo.cfg')).toEqual({ scope: 'zk-0', file: 'zoo.cfg' });
    expect(parseConfigKey('shared.a')).toEqual({ scope: 'shared', file: 'a' });
  });

  test('a key without a scope or without a file name is not one of the library\'s', () => {
    expect(['zoo', '.cfg', 'shared.'].map(parseConfigKey)).toEqual([undefined, undefined, undefined]);
  });

  test('the ConfigMap is named after the app', () => {
    expect(configMapName('zk')).toEqual('zk-config');
  });

  test('file names are plain ConfigMap keys', () => {
    expect(configFileNameProblem('my.cnf')).toBeUndefined();
    expect(configFileNameProblem('a/b')).toEqual('must have only letters, digits, \'-\', \'_\' and \'.\' (a ConfigMap key, no \'/\')');
    expect(configFileNameProblem('..data')).toEqual('must not be \'.\' nor start with \'..\'');
  });
});
