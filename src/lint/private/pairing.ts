import { Bundle } from './bundle';
import { labelSelector, selects } from './selectors';
import { asArray, StatefulSetView } from './workloads';

/**
 * How a StatefulSet of the new manifests relates to one of the previous ones:
 * - `same`: the same namespace and name;
 * - `namespace`: the same name, and one of the two gives no namespace (it goes to the
 *   namespace it is applied to), so they are taken to be one StatefulSet;
 * - `renamed`: another name in the same namespace (or one gives none), but the same app:
 *   either's selector selects the other's pods, or both run the same image (by its last
 *   path segment, `zookeeper` of `docker.io/bitnami/zookeeper:3.9`) with claim templates of
 *   the same names. The new one starts new members; the old one goes.
 */
export type PairKind = 'same' | 'namespace' | 'renamed';

export interface SetPair {
  readonly old: StatefulSetView;
  readonly next: StatefulSetView;
  readonly kind: PairKind;
}

export interface Pairing {
  readonly pairs: SetPair[];
  /** New StatefulSets paired with none. */
  readonly created: StatefulSetView[];
  /** Previous StatefulSets paired with none. */
  readonly deleted: StatefulSetView[];
}

/** Pairs the StatefulSets of two versions of the manifests, each at most once, in the new manifests' order. */
export function pairStatefulSets(previous: Bundle, next: Bundle): Pairing {
  const unpaired = new Set(previous.statefulSets);
  const found = new Map<StatefulSetView, SetPair>();
  const pair = (sts: StatefulSetView, old: StatefulSetView | undefined, kind: PairKind) => {
    if (old !== undefined && unpaired.has(old) && !found.has(sts)) {
      unpaired.delete(old);
      found.set(sts, { old, next: sts, kind });
    }
  };
  next.statefulSets.forEach(sts => pair(sts, previous.statefulSet(sts.namespace, sts.name), 'same'));
  for (const sts of next.statefulSets) {
    pair(sts, [...unpaired].find(old => old.name === sts.name && (!old.obj.namespaceExplicit || !sts.obj.namespaceExplicit)), 'namespace');
  }
  for (const sts of next.statefulSets) {
    pair(sts, [...unpaired].find(old => sameNamespace(old, sts) && sameApp(old, sts)), 'renamed');
  }
  return {
    pairs: next.statefulSets.flatMap(sts => found.get(sts) ?? []),
    created: next.statefulSets.filter(sts => !found.has(sts)),
    deleted: previous.statefulSets.filter(old => unpaired.has(old)),
  };
}

function sameNamespace(a: StatefulSetView, b: StatefulSetView): boolean {
  return a.namespace === b.namespace || !a.obj.namespaceExplicit || !b.obj.namespaceExplicit;
}

/** Whether either StatefulSet's selector selects the other's pods, or they run one image with the same claims. */
function sameApp(a: StatefulSetView, b: StatefulSetView): boolean {
  const selectsPods = (x: StatefulSetView, y: StatefulSetView) => {
    const selector = labelSelector(x.obj.raw.spec?.selector);
    return !selector.nothing && selector.requirements.length > 0 && selects(selector, y.templateLabels);
  };
  const claimsOf = (x: StatefulSetView) => asArray(x.obj.raw.spec?.volumeClaimTemplates).map(t => String(t.metadata?.name ?? '')).sort().join();
  const imagesOf = (x: StatefulSetView) => new Set(asArray(x.podSpec.containers).map(c => imageName(String(c.image ?? ''))));
  const sameImage = [...imagesOf(a)].some(image => image !== '' && imagesOf(b).has(image));
  return selectsPods(a, b) || selectsPods(b, a) || (claimsOf(a) !== '' && claimsOf(a) === claimsOf(b) && sameImage);
}

/** The last path segment of an image's repository: `zookeeper` of `docker.io/bitnami/zookeeper:3.9@sha256:...`. */
function imageName(image: string): string {
  return image.split('@')[0].split('/').pop()!.split(':')[0];
}
