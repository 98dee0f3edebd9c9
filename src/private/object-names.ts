import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { Problems, show } from '../ground/problems';

/**
 * Names of objects across a whole cdk8s app. Two objects of one API group, kind, namespace
 * and name are one object to the API server: applied together, one overwrites the other,
 * whichever charts they come from. Apps and presets are constructed one at a time and more
 * objects may follow them, so the check runs when the app is synthesized, as construct
 * validation.
 *
 * cdk8s validates every construct of the app, the root first, before it writes any chart
 * (`app.synth()` and `chart.toJson()`, which `Testing.synth` calls, alike). The root's
 * validation indexes every object once for the run (its key, its owner), and each owner in
 * the tree reads its own objects from that index once, so a run costs one pass over the
 * objects whatever the number of apps. An owner validated on its own (`node.validate()`)
 * indexes the objects for itself.
 */

/** A construct that writes objects, reports their collisions, and names the props that name them. */
interface Owner {
  readonly scope: IConstruct;
  readonly subject: string;
  readonly property: (childId: string) => string;
}

/**
 * The objects of a cdk8s app by what makes them one, each object's owner and key, the
 * objects of each owner, and the owners that have yet to read them.
 */
interface Run {
  readonly index: Map<string, ApiObject[]>;
  readonly keys: Map<ApiObject, string>;
  readonly ownerOf: Map<ApiObject, Owner | undefined>;
  readonly objectsOf: Map<Owner, ApiObject[]>;
  readonly pending: Set<Owner>;
}

const owners = new WeakMap<IConstruct, Owner>();
const roots = new WeakSet<IConstruct>();
const runs = new WeakMap<IConstruct, Run>();

/**
 * Reports, when the app is synthesized, every object under `scope` whose kind, namespace
 * and name another object of the cdk8s app has too: one error for `scope` (as
 * `'<path>': invalid <subject>:`), a line for each collision, naming the prop that
 * `property` gives for the child construct of `scope` the object is under, the name and
 * both construct paths. A collision is reported once: by the owner of the later object in
 * the tree, or by the owner of the earlier one when the later one is not a library object.
 */
export function checkObjectNames(scope: IConstruct, subject: string, property: (childId: string) => string): void {
  const owner = { scope, subject, property };
  owners.set(scope, owner);
  const root = scope.node.root;
  if (!roots.has(root)) {
    roots.add(root);
    root.node.addValidation({
      validate: () => {
        runs.set(root, indexObjects(root));
        return [];
      },
    });
  }
  scope.node.addValidation({ validate: () => collisions(owner, runFor(owner)) });
}

/** The prop of an `OrderedStatefulApp` that names the objects under its child construct `childId`. */
export function appObjectProperty(childId: string): string {
  if (childId === 'HeadlessService') {
    return 'serviceName';
  }
  if (childId === 'ClientService') {
    return 'clientService.name';
  }
  return /^PodService\d+$/.test(childId) ? 'podServices' : 'name';
}

/** One walk of the tree: every object's key and owner (the closest owner above it), found once for every owner. */
function indexObjects(root: IConstruct): Run {
  const run: Run = { index: new Map(), keys: new Map(), ownerOf: new Map(), objectsOf: new Map(), pending: new Set() };
  const visit = (construct: IConstruct, above: Owner | undefined): void => {
    if (construct instanceof ApiObject) {
      const key = keyOf(construct);
      run.keys.set(construct, key);
      pushTo(run.index, key, construct);
      run.ownerOf.set(construct, above);
      if (above !== undefined) {
        pushTo(run.objectsOf, above, construct);
      }
    }
    const owner = owners.get(construct);
    if (owner !== undefined) {
      run.pending.add(owner);
    }
    for (const child of construct.node.children) {
      visit(child, owner ?? above);
    }
  };
  visit(root, undefined);
  return run;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const values = map.get(key);
  if (values === undefined) {
    map.set(key, [value]);
  } else {
    values.push(value);
  }
}

/** The run in progress, which each owner reads once, or a fresh one outside a run. */
function runFor(owner: Owner): Run {
  const root = owner.scope.node.root;
  const run = runs.get(root);
  if (run === undefined || !run.pending.delete(owner)) {
    return indexObjects(root);
  }
  if (run.pending.size === 0) {
    runs.delete(root);
  }
  return run;
}

function collisions(owner: Owner, run: Run): string[] {
  const problems = new Problems(owner.scope.node.path, owner.subject);
  for (const object of run.objectsOf.get(owner) ?? []) {
    const same = run.index.get(run.keys.get(object)!)!;
    if (same.length === 1) {
      continue;
    }
    const position = same.indexOf(object);
    const others = position > 0 ? [same[0]] : same.slice(1).filter(other => run.ownerOf.get(other) === undefined);
    for (const other of others) {
      const namespace = object.metadata.namespace;
      const where = namespace === undefined ? 'without a namespace' : `in namespace ${show(namespace)}`;
      problems.add(propertyOf(owner, object), `must be unique per kind and namespace in the whole cdk8s app, got ${show(object.name)} `
        + `for ${object.kind} ${show(pathOf(object))} and ${other.kind} ${show(pathOf(other))}, both ${where}: applied together, one overwrites the other`);
    }
  }
  return problems.toValidationErrors();
}

/**
 * What makes an object one object to the API server (the version of its API group aside):
 * neither a group nor a kind holds '/', and the name comes last.
 */
function keyOf(object: ApiObject): string {
  const namespace = object.metadata.namespace;
  return `${object.apiGroup}/${object.kind}/${namespace === undefined ? '-' : `=${namespace}`}/${object.name}`;
}

function propertyOf(owner: Owner, object: ApiObject): string {
  let child: IConstruct = object;
  while (child.node.scope !== owner.scope) {
    child = child.node.scope!;
  }
  return owner.property(child.node.id);
}

/** The path of the construct that writes the object: the cdk8s-plus construct around it, if any. */
function pathOf(object: ApiObject): string {
  const scope = object.node.scope;
  return scope instanceof kplus.Resource ? scope.node.path : object.node.path;
}
