import { claimTemplateAsStored } from '../../../ground/statefulset';
import { canonicalJson } from '../canonical';
import { SetPair } from '../pairing';
import { asArray, StatefulSetView } from '../workloads';
import { finding, RawFinding } from './catalog';

/** A field of a StatefulSet's spec that a live StatefulSet rejects changes of. */
export interface ImmutableField {
  readonly path: string;
  /** The value as the api server sees it, defaults applied. */
  readonly read: (sts: StatefulSetView) => unknown;
}

export const IMMUTABLE_FIELDS: ImmutableField[] = [
  { path: 'spec.selector', read: sts => sts.obj.raw.spec?.selector ?? {} },
  { path: 'spec.serviceName', read: sts => sts.serviceName ?? '' },
  { path: 'spec.podManagementPolicy', read: sts => sts.podManagementPolicy },
  { path: 'spec.volumeClaimTemplates', read: claimTemplatesAsStored },
];

/** The claim templates as the api server stores them, defaults filled in. */
function claimTemplatesAsStored(sts: StatefulSetView): unknown[] {
  return asArray(sts.obj.raw.spec?.volumeClaimTemplates).map(claimTemplateAsStored);
}

/** An immutable field whose value differs, with both values as canonical JSON. */
export interface ImmutableChange {
  readonly path: string;
  readonly was: string;
  readonly now: string;
}

/** The immutable fields whose value differs between two versions of a StatefulSet. */
export function changedImmutableFields(old: StatefulSetView, next: StatefulSetView): ImmutableChange[] {
  return IMMUTABLE_FIELDS
    .map(field => ({ path: field.path, was: canonicalJson(field.read(old)), now: canonicalJson(field.read(next)) }))
    .filter(change => change.was !== change.now);
}

/** How to replace a StatefulSet whose immutable fields changed, keeping its pods. */
export function orphanDelete(sts: StatefulSetView): string {
  return `kubectl delete statefulset ${sts.name}${sts.obj.namespaceExplicit ? ` -n ${sts.namespace}` : ''} --cascade=orphan`;
}

/**
 * Changes between two versions of the manifests that a live StatefulSet rejects, for the
 * pairs that are one StatefulSet object (a renamed one is another object).
 */
export function compareStatefulSets(pairs: SetPair[]): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const { old, next: sts } of pairs.filter(pair => pair.kind !== 'renamed')) {
    for (const change of changedImmutableFields(old, sts)) {
      findings.push(finding('immutable-field-changed', sts.obj,
        `${change.path} changed from ${change.was} to ${change.now}, which a live statefulset rejects; delete and recreate it: `
        + `'${orphanDelete(sts)}' keeps the pods running, then apply`));
    }
  }
  return findings;
}
