import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, findingsOf, fixture } from '../../util';

const KV = 'StatefulSet/prod/kv';

/** The topology fixture plus a network policy on db, the app kv waits for. */
function withDbPolicy(spec: any): any[] {
  const objects = fixture('topology.yaml');
  objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'db', namespace: 'prod' }, spec: { podSelector: { matchLabels: { app: 'db' } }, ...spec } });
  return objects;
}

describe('network policies and start-order waits', () => {
  test('reports an ingress policy of the app waited for that does not admit the waiting app, as an error', () => {
    // GIVEN db admits only itself
    const objects = withDbPolicy({ ingress: [{ from: [{ podSelector: { matchLabels: { app: 'db' } } }] }] });
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'network-policy-blocks-wait', KV);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toBe("init container 'wait-for-db' waits for db (db-0.db.prod.svc.cluster.local) on port 5432, but NetworkPolicy/prod/db selecting db's members "
      + "admit no connection from kv's pods on that port, so the members of kv never start (the wait gives up after 300s and the pod restarts); "
      + 'add an ingress rule from pods labelled like kv on port 5432');
  });

  test('an ingress rule for the waiting app on the port, by name, lets the wait through', () => {
    const objects = withDbPolicy({ ingress: [{ from: [{ podSelector: { matchLabels: { app: 'kv' } } }], ports: [{ port: 'sql' }] }] });
    expect(findingsOf(ManifestLinter.lint(objects), 'network-policy-blocks-wait', KV)).toEqual([]);
  });

  test('a rule on another port still blocks the wait', () => {
    const objects = withDbPolicy({ ingress: [{ from: [{ podSelector: { matchLabels: { app: 'kv' } } }], ports: [{ port: 5433, protocol: 'TCP' }] }] });
    expect(findingsOf(ManifestLinter.lint(objects), 'network-policy-blocks-wait', KV)).toHaveLength(1);
  });

  test('a namespace selector the manifests cannot evaluate is not reported', () => {
    const objects = withDbPolicy({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'kv' } } }] }] });
    expect(findingsOf(ManifestLinter.lint(objects), 'network-policy-blocks-wait', KV)).toEqual([]);
  });

  test('a namespace selector on the namespace name label is evaluated', () => {
    const objects = withDbPolicy({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } } }] }] });
    expect(findingsOf(ManifestLinter.lint(objects), 'network-policy-blocks-wait', KV)).toHaveLength(1);
  });

  test('reports an egress policy of the waiting app that allows neither the app waited for nor dns', () => {
    const objects = fixture('topology.yaml');
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'kv-egress', namespace: 'prod' },
      spec: { podSelector: { matchLabels: { app: 'kv' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'kv' } } }] }] },
    });
    const messages = findingsOf(ManifestLinter.lint(objects), 'network-policy-blocks-wait', KV).map(f => f.message);
    expect(messages).toEqual([
      expect.stringContaining("NetworkPolicy/prod/kv-egress selecting kv's pods allow no egress to cluster dns (udp 53)"),
      expect.stringContaining("NetworkPolicy/prod/kv-egress selecting kv's pods allow no egress to db on that port"),
    ]);
  });
});

describe('network policies and clients', () => {
  test('reports a client service port that the policy admits only from the members themselves', () => {
    // GIVEN kv's policy without the rule for clients on 7001
    const objects = fixture('topology.yaml');
    byKindAndName(objects, 'NetworkPolicy', 'kv').spec.ingress.pop();
    // WHEN
    const f = findingOf(ManifestLinter.lint(objects), 'network-policy-blocks-clients', 'Service/prod/kv-client');
    // THEN
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toBe("port 'client' 7001 (TCP 7001 on kv's members) is published for clients, but NetworkPolicy/prod/kv admit only kv's own members on 7001, "
      + 'so every client of the service times out; admit the clients (pod or namespace labels) on port 7001 in the network policy');
  });

  test('a rule whose peer selects every pod of the namespace admits the clients', () => {
    // GIVEN kv's policy admitting every pod of its namespace on the client port
    const objects = fixture('topology.yaml');
    const policy = byKindAndName(objects, 'NetworkPolicy', 'kv');
    policy.spec.ingress.pop();
    policy.spec.ingress.push({ from: [{ podSelector: {} }], ports: [{ port: 7001, protocol: 'TCP' }] });
    // WHEN / THEN
    expect(findingsOf(ManifestLinter.lint(objects), 'network-policy-blocks-clients', 'Service/prod/kv-client')).toEqual([]);
  });

  test('the governing service is for the members and is not checked', () => {
    expect(findingsOf(ManifestLinter.lint(fixture('topology.yaml')), 'network-policy-blocks-clients', 'Service/prod/kv')).toEqual([]);
  });
});
