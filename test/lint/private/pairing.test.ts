import { Bundle } from '../../../src/lint/private/bundle';
import { fromValues, toObjects } from '../../../src/lint/private/objects';
import { pairStatefulSets } from '../../../src/lint/private/pairing';
import { byKindAndName, fixture } from '../util';

function pairing(previous: any[], next: any[]) {
  const p = pairStatefulSets(new Bundle(toObjects(fromValues(previous))), new Bundle(toObjects(fromValues(next))));
  return {
    pairs: p.pairs.map(pair => `${pair.kind} ${pair.old.namespace}/${pair.old.name} -> ${pair.next.namespace}/${pair.next.name}`),
    created: p.created.map(s => s.name),
    deleted: p.deleted.map(s => s.name),
  };
}

describe('pairStatefulSets', () => {
  test('pairs a StatefulSet of the same namespace and name', () => {
    expect(pairing(fixture('good.yaml'), fixture('good.yaml'))).toEqual({ pairs: ['same data/db -> data/db'], created: [], deleted: [] });
  });

  test('pairs a StatefulSet of the same name when the new manifest gives no namespace', () => {
    const next = fixture('good.yaml');
    delete byKindAndName(next, 'StatefulSet', 'db').metadata.namespace;
    expect(pairing(fixture('good.yaml'), next).pairs).toEqual(['namespace data/db -> default/db']);
  });

  test('pairs a StatefulSet under another name whose selector selects the old pods', () => {
    const next = fixture('good.yaml');
    byKindAndName(next, 'StatefulSet', 'db').metadata.name = 'db2';
    expect(pairing(fixture('good.yaml'), next)).toEqual({ pairs: ['renamed data/db -> data/db2'], created: [], deleted: [] });
  });

  test('pairs a StatefulSet under another name and other labels that runs the same image with the same claims', () => {
    const next = fixture('good.yaml');
    const sts = byKindAndName(next, 'StatefulSet', 'db');
    sts.metadata.name = 'db2';
    sts.spec.selector = { matchLabels: { app: 'db2' } };
    sts.spec.template.metadata.labels = { app: 'db2' };
    sts.spec.template.spec.containers[0].image = 'mirror.example/team/db:2.0';
    expect(pairing(fixture('good.yaml'), next).pairs).toEqual(['renamed data/db -> data/db2']);
  });

  test('does not pair another app: other labels and another image', () => {
    const next = fixture('good.yaml');
    const sts = byKindAndName(next, 'StatefulSet', 'db');
    sts.metadata.name = 'cache';
    sts.spec.selector = { matchLabels: { app: 'cache' } };
    sts.spec.template.metadata.labels = { app: 'cache' };
    sts.spec.template.spec.containers[0].image = 'registry.example/cache:1.0';
    expect(pairing(fixture('good.yaml'), next)).toEqual({ pairs: [], created: ['cache'], deleted: ['db'] });
  });
});
