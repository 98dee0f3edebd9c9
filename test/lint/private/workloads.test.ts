import { Bundle } from '../../../src/lint/private/bundle';
import { fromValues, toObjects } from '../../../src/lint/private/objects';
import { labelSelector } from '../../../src/lint/private/selectors';
import { MemberSelection, ordinalOfPod, sampleOrdinals, StatefulSetView } from '../../../src/lint/private/workloads';

function statefulSet(spec: any): StatefulSetView {
  const objects = toObjects(fromValues([{ kind: 'StatefulSet', metadata: { name: 'db' }, spec: { template: { metadata: { labels: { app: 'db' } } }, ...spec } }]));
  return new Bundle(objects).statefulSets[0];
}

describe('member selection', () => {
  test('a selector on the template labels selects every member without listing them', () => {
    // GIVEN two billion members
    const sts = statefulSet({ replicas: 2147483647 });
    // WHEN
    const selection = MemberSelection.of(labelSelector({ matchLabels: { app: 'db' } }), sts);
    // THEN
    expect(selection.count).toBe(2147483647);
    expect(selection.all).toBe(true);
    expect(selection.list(3)).toEqual([0, 1, 2]);
  });

  test('the pod-name label narrows to the named members within the ordinals', () => {
    const sts = statefulSet({ replicas: 3, ordinals: { start: 1 } });
    const selection = MemberSelection.of(labelSelector({
      matchExpressions: [{ key: 'statefulset.kubernetes.io/pod-name', operator: 'In', values: ['db-0', 'db-2', 'db-3', 'web-1', 'db-02'] }],
    }), sts);
    expect(selection.list(10)).toEqual([2, 3]);
    expect(selection.includes(0)).toBe(false);
    expect(selection.includes(3)).toBe(true);
  });

  test('NotIn on the pod-index label excludes members', () => {
    const sts = statefulSet({ replicas: 4 });
    const selection = MemberSelection.of(labelSelector({ matchExpressions: [{ key: 'apps.kubernetes.io/pod-index', operator: 'NotIn', values: ['0', '3'] }] }), sts);
    expect(selection.count).toBe(2);
    expect(selection.list(10)).toEqual([1, 2]);
  });

  test('a requirement on another label that fails selects no member', () => {
    const sts = statefulSet({ replicas: 4 });
    expect(MemberSelection.of(labelSelector({ matchLabels: { app: 'web' } }), sts).count).toBe(0);
    expect(MemberSelection.of(labelSelector({ matchExpressions: [{ key: 'statefulset.kubernetes.io/pod-name', operator: 'DoesNotExist' }] }), sts).count).toBe(0);
  });

  test('samples the first and the last members of a large statefulset', () => {
    expect(sampleOrdinals(statefulSet({ replicas: 1000000 }), 50, 2)).toEqual([0, 1, 999998, 999999]);
    expect(sampleOrdinals(statefulSet({ replicas: 3 }), 50, 2)).toEqual([0, 1, 2]);
  });

  test('reads the ordinal of a pod name only in its canonical form', () => {
    expect(ordinalOfPod('db', 'db-12')).toBe(12);
    expect(ordinalOfPod('db', 'db-012')).toBeUndefined();
    expect(ordinalOfPod('db', 'dbx-1')).toBeUndefined();
  });
});
