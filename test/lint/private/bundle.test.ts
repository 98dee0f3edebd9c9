import { Bundle } from '../../../src/lint/private/bundle';
import { fromValues, toObjects } from '../../../src/lint/private/objects';
import { labelSelector, mapSelector } from '../../../src/lint/private/selectors';

function bundle(objects: any[]): Bundle {
  return new Bundle(toObjects(fromValues(objects)));
}

const sts = (name: string, labels: any, replicas = 2) => ({ kind: 'StatefulSet', metadata: { name, namespace: 'a' }, spec: { replicas, template: { metadata: { labels } } } });

describe('the bundle index', () => {
  const b = bundle([
    sts('web', { app: 'web', tier: 'front' }),
    sts('db', { app: 'db', tier: 'back' }),
    { kind: 'Deployment', metadata: { name: 'api', namespace: 'a' }, spec: { template: { metadata: { labels: { app: 'api', tier: 'front' } } } } },
    { kind: 'Pod', metadata: { name: 'debug', namespace: 'a', labels: { app: 'web' } } },
    sts('web', { app: 'web' }),
  ].map((o, i) => (i === 4 ? { ...o, metadata: { name: 'web', namespace: 'b' } } : o)));

  const names = (namespace: string, selector: any) => b.select(namespace, selector).map(s => `${s.group.owner.kind}/${s.group.owner.name}`).sort();

  test.each([
    ['matchLabels', labelSelector({ matchLabels: { app: 'web' } }), ['Pod/debug', 'StatefulSet/web']],
    ['In over several values', labelSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'api'] }] }), ['Deployment/api', 'StatefulSet/db']],
    ['Exists', labelSelector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }), ['Deployment/api', 'StatefulSet/db', 'StatefulSet/web']],
    ['only NotIn', labelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }), ['Pod/debug', 'StatefulSet/db']],
    ['the pod name of a member', mapSelector({ 'statefulset.kubernetes.io/pod-name': 'db-1' }), ['StatefulSet/db']],
    ['the pod index', labelSelector({ matchLabels: { 'apps.kubernetes.io/pod-index': '1', 'tier': 'front' } }), ['StatefulSet/web']],
    ['everything', labelSelector({}), ['Deployment/api', 'Pod/debug', 'StatefulSet/db', 'StatefulSet/web']],
    ['nothing', labelSelector(undefined), []],
  ])('selects by %s in its namespace only', (_, selector, expected) => {
    expect(names('a', selector)).toEqual(expected);
  });

  test('finds objects by kind, namespace and name', () => {
    expect(b.find('StatefulSet', 'b', 'web')?.namespace).toBe('b');
    expect(b.statefulSetsIn('a').map(s => s.name)).toEqual(['web', 'db']);
  });
});
