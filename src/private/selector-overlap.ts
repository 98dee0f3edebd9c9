import { IConstruct } from 'constructs';
import { AppIdentity } from '../ground/identity';
import { mapSelects } from '../ground/labels';
import { Problems, show } from '../ground/problems';

/** An app as other apps' selectors see it. */
interface Member {
  readonly path: string;
  readonly name: string;
  readonly namespace: string | null;
  readonly selector: { [key: string]: string };
  readonly podLabels: { [key: string]: string };
  /** Whether the selector is an adopted StatefulSet's rather than the library's own. */
  readonly adopted: boolean;
}

/** The apps of a cdk8s app, and an index of their pod labels built once per synthesis. */
interface Registry {
  readonly members: Member[];
  /** How many of the members adopt a StatefulSet: while none does, no selector can overlap. */
  adopted: number;
  index?: Map<string, Member[]>;
}

const registries = new WeakMap<IConstruct, Registry>();

function pairKey(namespace: string | null, key: string, value: string): string {
  // NUL cannot occur in a namespace, a label key or a label value.
  return `${namespace ?? ''}\u0000${key}\u0000${value}`;
}

/**
 * Records an app, and reports when it is synthesized, as `problems` of `scope`, any other app
 * of the same namespace whose pods its selector selects: its headless Service, budget, policy
 * and spreading would count them as members. Where neither app adopts a StatefulSet, both
 * selectors are the app name, and two apps of one name are reported as objects of one name.
 */
export function checkSelectorOverlap(scope: IConstruct, identity: AppIdentity, podLabels: { [key: string]: string },
  adopted: boolean): () => Problems | undefined {
  const root = scope.node.root;
  let registry = registries.get(root);
  if (registry === undefined) {
    registry = { members: [], adopted: 0 };
    registries.set(root, registry);
  }
  const self: Member = {
    path: scope.node.path,
    name: identity.name,
    namespace: identity.namespace ?? null,
    selector: identity.selectorLabels,
    podLabels,
    adopted,
  };
  registry.members.push(self);
  if (adopted) {
    registry.adopted += 1;
  }
  registry.index = undefined;
  const known = registry;
  return () => {
    if (known.adopted === 0) {
      return undefined;
    }
    known.index ??= indexOf(known.members);
    const [key, value] = Object.entries(self.selector)[0] ?? [];
    const candidates = key === undefined ? [] : known.index.get(pairKey(self.namespace, key, value)) ?? [];
    const others = candidates.filter(other => other !== self && (self.adopted || other.adopted) && mapSelects(self.selector, other.podLabels));
    if (others.length === 0) {
      return undefined;
    }
    const problems = new Problems(self.path, 'OrderedStatefulAppProps');
    for (const other of others) {
      problems.add('adopt', `gives the selector ${show(self.selector)}, which also selects the pods of the app ${show(other.name)} at ${show(other.path)}: `
        + 'the Services, budget and policy of this app would count them as members; adopt StatefulSets whose selectors tell them apart');
    }
    return problems;
  };
}

function indexOf(members: Member[]): Map<string, Member[]> {
  const index = new Map<string, Member[]>();
  for (const member of members) {
    for (const [key, value] of Object.entries(member.podLabels)) {
      const k = pairKey(member.namespace, key, value);
      const list = index.get(k);
      if (list === undefined) {
        index.set(k, [member]);
      } else {
        list.push(member);
      }
    }
  }
  return index;
}
