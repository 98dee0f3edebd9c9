import { Testing } from 'cdk8s';
import { WebChart } from '../../../../examples/web/main';
import { ZooKeeperChart } from '../../../../examples/zookeeper/main';
import { Bundle } from '../../../../src/lint/private/bundle';
import { fromValues, toObjects } from '../../../../src/lint/private/objects';
import { planChanges } from '../../../../src/lint/private/plan/model';
import { renderPlanMarkdown, renderPlanText } from '../../../../src/lint/private/plan/render';
import { findObject, Manifest, synth } from '../../../util';

function plan(previous: Manifest[], next: Manifest[]): string {
  return renderPlanText(planChanges(new Bundle(toObjects(fromValues(previous))), new Bundle(toObjects(fromValues(next)))));
}

function copy(manifests: Manifest[]): Manifest[] {
  return JSON.parse(JSON.stringify(manifests));
}

describe('plan on real example outputs', () => {
  const zookeeper = synth(new ZooKeeperChart(Testing.app(), 'zookeeper'));
  const web = synth(new WebChart(Testing.app(), 'web'));

  test('a config change to examples/zookeeper restarts every member, highest first, because of the member config', () => {
    // GIVEN the example with one more shared file
    const changedChart = new ZooKeeperChart(Testing.app(), 'zookeeper');
    changedChart.zk.addSharedFile('java.env', 'SERVER_JVMFLAGS=-Xmx256m\n');
    const changed = synth(changedChart);
    // WHEN
    const text = plan(zookeeper, changed);
    // THEN
    expect(text).toBe([
      'statefulset zk: changed',
      '  update: in place, with a rolling restart (below)',
      '  claims: every member keeps its own: data-zk-0, data-zk-1, data-zk-2',
      '  restarts 3 members one at a time, highest ordinal first, each after the one before is Ready: zk-2, then zk-1, then zk-0; '
        + 'because of the member config (its checksum annotation changed)',
      '  config: configmap zk-config: shared.java.env',
      '  availability: 1 of 3 members down at a time during the rollout, 2 stay up, a majority (2): a quorum holds; '
        + 'the disruption budget allows 1 at a time, which the rollout stays within (it deletes members directly and does not ask the budget)',
      '',
    ].join('\n'));
  });

  test('a scale of examples/web creates members and claims one by one, and a scale down keeps the claims', () => {
    // GIVEN web with 4 instead of 2 members
    const scaled = copy(web);
    findObject(scaled, 'StatefulSet', 'web').spec.replicas = 4;
    // WHEN
    const up = plan(web, scaled);
    const down = plan(scaled, web);
    // THEN
    expect(up).toBe([
      'statefulset web: changed',
      '  update: in place, no member restarts',
      '  claims: every member keeps its own: www-web-0, www-web-1',
      '  scale: 2 -> 4 members',
      '  creates web-2, then web-3 one by one, each after the one before is Ready, with claims www-web-2, www-web-3 (created, or reused where an earlier scale-down kept them)',
      '',
    ].join('\n'));
    expect(down).toContain('  removes web-3, then web-2, highest ordinal first; their claims www-web-3, www-web-2 are kept (whenScaled: Retain) and reused on a later scale-up\n');
  });

  test('a larger claim in examples/zookeeper is rejected, with the orphan delete as the way out', () => {
    const bigger = copy(zookeeper);
    findObject(bigger, 'StatefulSet', 'zk').spec.volumeClaimTemplates[0].spec.resources.requests.storage = '20Gi';
    const text = plan(zookeeper, bigger);
    expect(text).toContain('  rejected: the api server refuses the update, because spec.volumeClaimTemplates changed, which a live statefulset cannot change\n');
    expect(text).toContain('  way out: kubectl delete statefulset zk --cascade=orphan (the members keep running), then apply: the new statefulset adopts them');
  });

  test('a rejected update whose new selector does not select the running members says they are not adopted', () => {
    const relabeled = copy(zookeeper);
    const sts = findObject(relabeled, 'StatefulSet', 'zk');
    sts.spec.selector = { matchLabels: { app: 'zk' } };
    sts.spec.template.metadata.labels = { app: 'zk' };
    const text = plan(zookeeper, relabeled);
    expect(text).toContain('  update: refused in place, the statefulset object must be replaced (below)\n');
    expect(text).toContain("the new statefulset's selector does not select the running members, so it cannot adopt them, "
      + 'and it creates none of its own while the old pods hold their names: delete each old pod, highest ordinal first');
  });

  test('a renamed statefulset is paired with the old one, and the claims it leaves behind are an error', () => {
    const renamed = copy(zookeeper);
    findObject(renamed, 'StatefulSet', 'zk').metadata.name = 'zoo';
    expect(plan(zookeeper, renamed)).toBe([
      'statefulset zoo: replaces zk, the same app under another name',
      '  error: zoo-0, zoo-1, zoo-2 would start on new, empty claims (data-zoo-0, data-zoo-1, data-zoo-2) while the claims with their data stay unmounted: '
        + "data-zk-0, data-zk-1, data-zk-2; keep the statefulset's name and its claim templates' names (adopt the live statefulset)",
      '  3 members start at once: zoo-0, zoo-1, zoo-2',
      '  creates 3 claims: data-zoo-0, data-zoo-1, data-zoo-2',
      '  the old statefulset zk and its members are deleted; its 3 claims are kept (whenDeleted: Retain): data-zk-0, data-zk-1, data-zk-2',
      '',
    ].join('\n'));
  });

  test('a statefulset given a namespace it had none of is the same one, applied to that namespace', () => {
    const namespaced = copy(zookeeper);
    namespaced.forEach(m => m.metadata.namespace = 'default');
    expect(plan(zookeeper, namespaced)).toBe('unchanged: default/zk\n');
    findObject(namespaced, 'StatefulSet', 'zk').spec.replicas = 5;
    namespaced.forEach(m => m.metadata.namespace = 'demo');
    expect(plan(zookeeper, namespaced)).toContain('statefulset demo/zk: changed\n'
      + '  taken as the statefulset zk of namespace demo: the previous manifest gave none; apply it to demo (kubectl apply -n demo)\n');
  });

  test('claim templates rewritten with the fields the api server fills in are no change', () => {
    const stored = copy(zookeeper);
    const template = findObject(stored, 'StatefulSet', 'zk').spec.volumeClaimTemplates[0];
    Object.assign(template, { apiVersion: 'v1', kind: 'PersistentVolumeClaim' });
    template.spec.volumeMode = 'Filesystem';
    expect(plan(zookeeper, stored)).toBe('unchanged: zk\n');
  });

  test('a partition keeps the members below it on the old template', () => {
    const next = copy(zookeeper);
    const sts = findObject(next, 'StatefulSet', 'zk');
    sts.spec.updateStrategy.rollingUpdate.partition = 2;
    sts.spec.template.spec.containers[0].image = 'zookeeper:3.8.5';
    const text = plan(zookeeper, next);
    expect(text).toContain('restarts 1 member one at a time, highest ordinal first, each after the one before is Ready: zk-2; because of container zk image zookeeper:3.8.4 -> zookeeper:3.8.5');
    expect(text).toContain('  2 members below partition 2 keep the old template until the partition is lowered\n');
  });

  test('OnDelete restarts nobody', () => {
    const next = copy(zookeeper);
    const sts = findObject(next, 'StatefulSet', 'zk');
    sts.spec.updateStrategy = { type: 'OnDelete' };
    sts.spec.template.spec.containers[0].image = 'zookeeper:3.8.5';
    expect(plan(zookeeper, next)).toContain('  no member restarts (OnDelete): each one gets the new template when you delete it; because of container zk image');
  });

  test('a two-member app loses its majority while a member restarts', () => {
    const next = copy(web);
    findObject(next, 'StatefulSet', 'web').spec.template.spec.containers[0].image = 'nginxinc/nginx-unprivileged:1.25.6';
    expect(plan(web, next)).toContain('availability: 1 of 2 members down at a time during the rollout, 1 stays up, less than a majority (2): a quorum breaks while a member restarts');
  });

  test('a new and a removed statefulset', () => {
    const text = plan(web, zookeeper);
    expect(text).toContain('statefulset zk: created\n  3 members start at once: zk-0, zk-1, zk-2\n  creates 3 claims: data-zk-0, data-zk-1, data-zk-2\n');
    expect(text).toContain('statefulset web: deleted\n  its members are deleted; its 2 claims are kept (whenDeleted: Retain): www-web-0, www-web-1\n');
  });

  test('a config change without a template change restarts nobody', () => {
    const before = [
      { kind: 'ConfigMap', metadata: { name: 'conf' }, data: { a: '1' } },
      { kind: 'StatefulSet', metadata: { name: 'app' }, spec: { replicas: 2, template: { spec: { volumes: [{ name: 'c', configMap: { name: 'conf' } }] } } } },
    ];
    const after = copy(before);
    after[0].data.a = '2';
    expect(plan(before, after)).toContain('  no member restarts: the pod template is unchanged; mounted files follow the new data within about a minute');
  });

  test('two billion members are counted, not listed', () => {
    const next = copy(web);
    findObject(next, 'StatefulSet', 'web').spec.replicas = 2147483647;
    expect(plan(web, next)).toContain('creates web-2, then web-3, then web-4, then web-5, then web-6, then web-7, then web-8, then web-9, then web-10, then web-11 and 2,147,483,635 more');
  });

  test('markdown escapes the names', () => {
    const next = copy(web);
    findObject(next, 'StatefulSet', 'web').spec.replicas = 3;
    const markdown = renderPlanMarkdown(planChanges(new Bundle(toObjects(fromValues(web))), new Bundle(toObjects(fromValues(next)))));
    expect(markdown).toContain('### StatefulSet `web`: changed\n\n- update: in place, no member restarts\n'
      + '- claims: every member keeps its own: `www-web-0`, `www-web-1`\n- scale: 2 -> 3 members\n- creates `web-2` one by one');
  });
});
