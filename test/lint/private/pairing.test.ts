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

/** The manifests of good.yaml with the StatefulSet db under `name`, selecting and labelling its pods `app: <name>`, every container running `image`. */
function relabeled(name: string, image: string): any[] {
  const objects = fixture('good.yaml');
  const sts = byKindAndName(objects, 'StatefulSet', 'db');
  sts.metadata.name = name;
  sts.spec.selector = { matchLabels: { app: name } };
  sts.spec.template.metadata.labels = { app: name };
  sts.spec.template.spec.containers.forEach((container: { image: string }) => container.image = image);
  return objects;
}

describe('pairStatefulSets', () => {
  test('pairs a StatefulSet of the same namespace and name', () => {
    expect(pairing(fixture('good.yaml'), fixture('good.yaml'))).toEqual({ pairs: ['same data/db -> data/db'], created: [], deleted: [] });
  });

  test('pairs a StatefulSet of the same name when the new manifest gives no namespace', () => {
    const next = fixture('good.yaml');
    delete byKindAndName(next, 'StatefulSet', 'db').metadata.namespace;
    expect(pairing(fixture('good.yaml'), next)).toEqual({ pairs: ['namespace data/db -> default/db'], created: [], deleted: [] });
  });

  test('pairs a StatefulSet under another name whose selector selects the old pods', () => {
    const next = fixture('good.yaml');
    byKindAndName(next, 'StatefulSet', 'db').metadata.name = 'db2';
    expect(pairing(fixture('good.yaml'), next)).toEqual({ pairs: ['renamed data/db -> data/db2'], created: [], deleted: [] });
  });

  test('pairs a StatefulSet under another name and other labels that runs the same image with the same claims', () => {
    const next = relabeled('db2', 'mirror.example/team/db:2.0');
    expect(pairing(fixture('good.yaml'), next)).toEqual({ pairs: ['renamed data/db -> data/db2'], created: [], deleted: [] });
  });

  test('does not pair another app: other labels and another image', () => {
    const next = relabeled('cache', 'registry.example/cache:1.0');
    expect(pairing(fixture('good.yaml'), next)).toEqual({ pairs: [], created: ['cache'], deleted: ['db'] });
  });
});
