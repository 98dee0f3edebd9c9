import { MEMBER_ENV_NAMES, memberEnv } from '../../src/ground/member-env';

describe('member variables', () => {
  test('later variables are built from earlier ones, so they are right in any namespace', () => {
    expect(memberEnv('zk-headless', 'example.org')).toEqual([
      { name: 'POD_NAME', fieldPath: 'metadata.name' },
      { name: 'POD_NAMESPACE', fieldPath: 'metadata.namespace' },
      { name: 'POD_IP', fieldPath: 'status.podIP' },
      { name: 'HEADLESS_SERVICE', value: 'zk-headless' },
      { name: 'HEADLESS_SERVICE_DOMAIN', value: '$(HEADLESS_SERVICE).$(POD_NAMESPACE).svc.example.org' },
      { name: 'POD_FQDN', value: '$(POD_NAME).$(HEADLESS_SERVICE_DOMAIN)' },
    ]);
  });

  test('the names users cannot set', () => {
    expect(MEMBER_ENV_NAMES).toEqual(['POD_NAME', 'POD_NAMESPACE', 'POD_IP', 'HEADLESS_SERVICE', 'HEADLESS_SERVICE_DOMAIN', 'POD_FQDN']);
  });
});
