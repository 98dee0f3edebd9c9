import { byKindAndName, fixture } from './util';
import { ManifestExplainer } from '../../src/lint';
import { LintInputError } from '../../src/lint/lint-input-error';

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
      .toContain('svc/db (headless, governing) -> all members (db-0, db-1, db-2) on client 5432->client, peer 7000->peer; publishNotReadyAddresses: unready members are reachable too');
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
    expect(markdown).toContain('| `mysql-0` | `mysql-0.mysql` | `/etc/mysql/conf.d/server-id.cnf` (configmap mysql) |');
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

describe('the whole topology', () => {
  const text = () => ManifestExplainer.explain(fixture('topology.yaml'));

  test("shows each member's files of the library's layout: own, default, computed, and single files mounted by subPath", () => {
    expect(text()).toContain('files of every member: /etc/kv/kv.conf (shared)\n');
    expect(text()).toContain('kv-0: /data/myid (own), /etc/kv/myid (own), /etc/kv/peers.conf (computed per member), /etc/kv/role (own)\n');
    expect(text()).toContain('kv-1: /data/myid (own), /etc/kv/myid (own), /etc/kv/peers.conf (computed per member), /etc/kv/role (default)\n');
  });

  test('says what a member added by scaling up gets, and what it refuses to start without', () => {
    expect(text()).toContain('a member added by scaling up (kv-3) gets /etc/kv/role (default), /etc/kv/peers.conf (computed per member); it refuses to start without myid (no default)');
  });

  test('shows the waits on other apps in the start order, from both sides', () => {
    expect(text()).toContain('every member first waits for db: init container wait-for-db waits until db-0.db.prod.svc.cluster.local accepts connections on port 5432, and gives up after 300s');
    expect(text()).toContain('kv starts after it: its init container wait-for-db waits for it on port 5432');
  });

  test('a Parallel statefulset that waits for another app does not claim that none waits', () => {
    const objects = fixture('topology.yaml');
    byKindAndName(objects, 'StatefulSet', 'kv').spec.podManagementPolicy = 'Parallel';
    const explained = ManifestExplainer.explain(objects);
    expect(explained).toContain('start order: Parallel: all members start at once and stop at once; they do not wait for each other, but each first waits for the apps below');
  });

  test('says how many members a drain may take and whether a majority stays', () => {
    expect(text()).toContain('disruption: budget kv (minAvailable: 2, unhealthy members: AlwaysAllow) lets a drain evict 1 of 3 members at a time; 2 stay, still a majority (2)');
    expect(text()).toContain('disruption: no disruption budget: a drain may evict every member at once');
  });

  test('a budget that allows no eviction says that drains wait', () => {
    const objects = fixture('topology.yaml');
    byKindAndName(objects, 'PodDisruptionBudget', 'kv').spec.minAvailable = '100%';
    expect(ManifestExplainer.explain(objects)).toContain('lets a drain evict 0 of 3 members at a time; no member can be evicted, so node drains wait');
  });

  test('shows the claims, where they are mounted and their retention', () => {
    expect(text()).toContain('claim data (5Gi, storage class fast, ReadWriteOnce), mounted at kv:/data; each member gets its own (data-kv-0, ...)');
    expect(text()).toContain('claims are kept when the statefulset is deleted (Retain) and deleted when it scales down (Delete)');
  });

  test('shows who may connect on which ports', () => {
    expect(text()).toContain('ingress limited by kv:\n');
    expect(text()).toContain('kv admits pods app=kv of namespace prod (statefulset kv) on tcp peer (7000)');
    expect(text()).toContain('kv admits every pod of namespaces team=web on tcp 7001');
    expect(text()).toContain('no network policy limits ingress: any pod may connect on any port');
  });

  test('shows the rollout strategy with its partition', () => {
    expect(text()).toContain('rollout: RollingUpdate: a template change restarts the members one at a time from kv-2 down to ordinal 1, '
      + 'each after the one before is Ready for 10s; partition 1: members below ordinal 1 keep the old template; 5 old revisions kept');
  });

  test('OnDelete restarts nobody', () => {
    const objects = fixture('topology.yaml');
    byKindAndName(objects, 'StatefulSet', 'kv').spec.updateStrategy = { type: 'OnDelete' };
    expect(ManifestExplainer.explain(objects)).toContain('rollout: OnDelete: a template change restarts no member; each one gets the new template when it is deleted');
  });

  test('the mermaid diagram shows the waits between apps', () => {
    const markdown = ManifestExplainer.toMarkdown(fixture('topology.yaml'));
    expect(markdown).toContain('  app_prod_db[["statefulset db"]]\n  sts_prod_kv ==>|"waits for :5432"| app_prod_db');
    expect(markdown).toContain('  app_prod_kv[["statefulset kv"]]\n  app_prod_kv ==>|"waits for :5432"| sts_prod_db');
  });
});

describe('large statefulsets are summarized', () => {
  test('a million members give a bounded explanation with the first and last ten', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'StatefulSet', 'db').spec.replicas = 1000000;
    // WHEN
    const text = ManifestExplainer.explain(objects);
    const markdown = ManifestExplainer.toMarkdown(objects);
    // THEN
    expect(text.split('\n').length).toBeLessThan(80);
    expect(markdown.split('\n').length).toBeLessThan(150);
    expect(text).toContain('members (1,000,000):\n    db-0  db-0.db.data.svc.cluster.local\n');
    expect(text).toContain('    db-9  db-9.db.data.svc.cluster.local\n    ... 999,980 more members, named and configured the same way ...\n    db-999990  ');
    expect(text).toContain('db-999999  db-999999.db.data.svc.cluster.local\n');
    expect(text).toContain('(db-0, then db-1, then db-2, then db-3, then db-4, then db-5, then db-6, then db-7, then db-8, then db-9, then (999,980 more), then db-999990');
    expect(markdown).toContain('| ... | 999,980 more members, named and configured the same way | |');
    expect(markdown).toContain('more_data_db["999,980 more"]');
  });

  test('fifty members are all listed', () => {
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'StatefulSet', 'db').spec.replicas = 50;
    expect(ManifestExplainer.explain(objects)).toContain('db-25  ');
  });
});

describe('markdown escapes every value from the manifests', () => {
  test('a name with a newline and a code fence stays inside its code span', () => {
    // GIVEN names that try to end the table and open a code block
    const evil = 'x\n```\n# injected';
    const objects = [
      { kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: evil } } },
      { kind: 'StatefulSet', metadata: { name: `db${evil}` }, spec: { serviceName: 'db', replicas: 1, template: { metadata: { labels: { app: evil } } } } },
    ];
    // WHEN
    const markdown = ManifestExplainer.toMarkdown(objects);
    // THEN no line starts a heading or a fence except our own
    const lines = markdown.split('\n');
    expect(lines.filter(l => l.startsWith('#'))).toEqual(['## StatefulSet ````dbx\\n```\\n# injected````']);
    expect(lines.filter(l => l.startsWith('```'))).toEqual(['```mermaid', '```']);
    expect(markdown).toContain('subgraph sts_default_dbx_______injected["statefulset dbx#10;#96;#96;#96;#10;#35; injected (OrderedReady)"]');
  });

  test('a pipe in a name does not split a table cell', () => {
    const objects = [{ kind: 'StatefulSet', metadata: { name: 'a|b' }, spec: { replicas: 1 } }];
    expect(ManifestExplainer.toMarkdown(objects)).toContain('| `a\\|b-0` | - | - |');
  });
});

describe('bad input', () => {
  test('fails with a LintInputError naming the document and field', () => {
    expect(() => ManifestExplainer.explain([{ kind: 'StatefulSet', metadata: { name: 'x' }, spec: { replicas: -1 } }]))
      .toThrow(new LintInputError("manifests: document 1 (StatefulSet x): 'spec.replicas' must be an integer from 0 to 2147483647, got -1"));
  });
});
