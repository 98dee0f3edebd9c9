import { byKindAndName, fixture } from './util';
import { ManifestExplainer } from '../../src/lint';

describe('explain as text', () => {
  test('lists each member with its fully qualified dns name when the namespace is set', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    // WHEN
    const text = ManifestExplainer.explain(objects);
    // THEN
    expect(text).toContain('statefulset data/db');
    expect(text).toContain('db-0  db-0.db.data.svc.cluster.local');
    expect(text).toContain('db-2  db-2.db.data.svc.cluster.local');
  });

  test('uses the cluster domain option', () => {
    const text = ManifestExplainer.explain(fixture('good.yaml'), { clusterDomain: 'corp.internal' });
    expect(text).toContain('db-1.db.data.svc.corp.internal');
  });

  test('without a namespace gives short names and says they resolve from inside the namespace', () => {
    const text = ManifestExplainer.explain(fixture('mysql.yaml'));
    expect(text).toContain('statefulset mysql (namespace not set)');
    expect(text).toContain('mysql-0  mysql-0.mysql\n');
    expect(text).toContain('these names resolve from inside the namespace');
    expect(text).toContain('<pod>.mysql.<namespace>.svc.cluster.local');
  });

  test('honours ordinals.start for pod names', () => {
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'StatefulSet', 'db').spec.ordinals = { start: 5 };
    const text = ManifestExplainer.explain(objects);
    expect(text).toContain('db-5  db-5.db.data.svc.cluster.local');
    expect(text).toContain('db-7  db-7.db.data.svc.cluster.local');
    expect(text).not.toContain('db-0 ');
  });

  test('describes OrderedReady as one by one in ordinal order', () => {
    const text = ManifestExplainer.explain(fixture('good.yaml'));
    expect(text).toContain('start order: OrderedReady: one by one in ordinal order (db-0, then db-1, then db-2), each waits for the previous one to be Running and Ready');
  });

  test('describes Parallel as all at once', () => {
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'StatefulSet', 'db').spec.podManagementPolicy = 'Parallel';
    expect(ManifestExplainer.explain(objects)).toContain('start order: Parallel: all members start at once');
  });

  test('shows the files each member sees through a subPathExpr configmap mount', () => {
    const text = ManifestExplainer.explain(fixture('mysql.yaml'));
    expect(text).toContain('mysql-0: /etc/mysql/conf.d/server-id.cnf (configmap mysql)\n');
    expect(text).toContain('mysql-1: /etc/mysql/conf.d/replica.cnf (configmap mysql), /etc/mysql/conf.d/server-id.cnf (configmap mysql)');
  });

  test('uses configmap items paths when the volume lists items', () => {
    const objects = fixture('mysql.yaml');
    byKindAndName(objects, 'StatefulSet', 'mysql').spec.template.spec.volumes[0].configMap.items = [
      { key: 'mysql-1/server-id.cnf', path: 'mysql-1/id.cnf' },
    ];
    const text = ManifestExplainer.explain(objects);
    expect(text).toContain('mysql-1: /etc/mysql/conf.d/id.cnf (configmap mysql)');
    expect(text).not.toContain('mysql-0: ');
  });

  test('derives the role of a service that selects one member by pod name', () => {
    const text = ManifestExplainer.explain(fixture('mysql.yaml'));
    expect(text).toContain('roles:\n    svc/mysql-primary -> mysql-0\n');
  });

  test('says which services reach all members and notes publishNotReadyAddresses', () => {
    expect(ManifestExplainer.explain(fixture('mysql.yaml'))).toContain('svc/mysql-read (load-balanced) -> all members (mysql-0, mysql-1)');
    expect(ManifestExplainer.explain(fixture('good.yaml')))
      .toContain('svc/db (headless, governing) -> all members (db-0, db-1, db-2); publishNotReadyAddresses: unready members are reachable too');
  });

  test('says so when there is no statefulset', () => {
    expect(ManifestExplainer.explain([{ kind: 'ConfigMap', metadata: { name: 'x' } }])).toBe('no statefulsets found\n');
  });
});

describe('explain as markdown', () => {
  test('contains a member table and a mermaid flowchart with quoted labels and sanitised ids', () => {
    // GIVEN
    const objects = fixture('mysql.yaml');
    // WHEN
    const markdown = ManifestExplainer.toMarkdown(objects);
    // THEN
    expect(markdown).toContain('## StatefulSet `mysql`');
    expect(markdown).toContain('| `mysql-0` | `mysql-0.mysql` | `/etc/mysql/conf.d/server-id.cnf` |');
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
    expect(mermaid.split('\n')[0]).toBe('flowchart LR');
    expect(mermaid).toContain('pod_default_mysql_0["mysql-0"]');
    expect(mermaid).toContain('svc_default_mysql_primary(["svc/mysql-primary"])');
    expect(mermaid).toContain('svc_default_mysql_primary --> pod_default_mysql_0');
    expect(mermaid).toContain('pod_default_mysql_0 -.->|"ready, then"| pod_default_mysql_1');
    // node ids never contain characters mermaid would misread
    const ids = [...mermaid.matchAll(/^\s*(?:subgraph )?([^\s[(]+)[[(]/gm)].map(m => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every(id => /^[A-Za-z0-9_]+$/.test(id))).toBe(true);
  });

  test('keeps ids distinct for names that differ only in punctuation', () => {
    const objects = [
      { kind: 'StatefulSet', metadata: { name: 'a-b' }, spec: { serviceName: 'a-b', podManagementPolicy: 'Parallel' } },
      { kind: 'Service', metadata: { name: 'a-b' }, spec: { clusterIP: 'None', selector: { app: 'x' } } },
      { kind: 'Service', metadata: { name: 'a.b' }, spec: { selector: { 'statefulset.kubernetes.io/pod-name': 'a-b-0' } } },
    ];
    const markdown = ManifestExplainer.toMarkdown(objects);
    expect(markdown).toContain('svc_default_a_b(["svc/a.b"])');
    expect(markdown).not.toContain('svc_default_a_b_2');
    expect(markdown).not.toContain('ready, then');
  });

  test('is a matching snapshot for the primary/replica example', () => {
    const markdown = ManifestExplainer.toMarkdown(fixture('mysql.yaml'));
    expect(markdown).toContain('```mermaid\nflowchart LR');
    expect(markdown).toMatchSnapshot();
  });
});
