import { restrictedViolations, schemaErrors } from './util';

describe('test helpers', () => {
  test('the schema check rejects unknown fields and wrong types', () => {
    const errors = schemaErrors({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { clusterIp: 'None', ports: [{ port: '80' }] },
    });
    expect(errors.join('\n')).toContain('must NOT have additional properties {"additionalProperty":"clusterIp"}');
    expect(errors.join('\n')).toContain('/spec/ports/0/port must be integer');
  });

  test('the schema check rejects kinds that Kubernetes 1.27 does not have', () => {
    expect(schemaErrors({ apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy' })).toEqual(['policy/v1beta1 PodSecurityPolicy is not a Kubernetes 1.27 kind']);
  });

  test('the restricted check reports what cdk8s-plus leaves out', () => {
    const violations = restrictedViolations({
      containers: [{ name: 'c', securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { add: ['CAP_NET_BIND_SERVICE'] } } }],
    });
    expect(violations).toEqual([
      'c: adds capability CAP_NET_BIND_SERVICE',
      'c: capabilities do not drop ALL',
      'c: adds capability CAP_NET_BIND_SERVICE',
      'c: seccomp profile is undefined',
    ]);
  });
});
