import { LiveClaim, LiveState } from './live-state';
import { storageQuantity } from './sizes';
import { AppIdentity } from '../ground/identity';
import { isLabelKey, isLabelValue, MAX_LABEL_LENGTH } from '../ground/names';
import { Problems, show } from '../ground/problems';
import { quantityValue } from '../ground/quantities';
import { memberClaimName } from '../ground/statefulset';
import { OrderedStatefulAppProps } from '../ordered-stateful-app-props';

/**
 * Checks that the app writes an update of the live StatefulSet it adopts (`adopt`) that the
 * API server accepts and that binds every member to its claim: the same name, namespace,
 * governing Service, pod management policy, first ordinal and claim templates (the selector
 * is the live one by construction). Each problem names the prop, the field, the live and
 * the new value, and the way out.
 */
export function checkAdoption(problems: Problems, props: OrderedStatefulAppProps, identity: AppIdentity): void {
  const live = props.adopt?._live();
  if (live === undefined) {
    return;
  }
  live.problems.forEach(problem => problems.add('adopt', problem));
  if (live.object === undefined) {
    return;
  }
  const selector = live.selector ?? {};
  for (const [key, value] of Object.entries(selector)) {
    problems.check(isLabelKey(key) && isLabelValue(value), 'adopt',
      `${live.object}: spec.selector.matchLabels must hold label keys and values (a key of an optional DNS subdomain prefix and a name of at most `
      + `${MAX_LABEL_LENGTH} characters, a value of at most ${MAX_LABEL_LENGTH} alphanumerics, '-', '_' or '.'), got ${show(key)}: ${show(value)}`);
  }
  problems.check(live.selector === undefined || Object.keys(selector).length > 0, 'adopt',
    `${live.object}: spec.selector.matchLabels must have at least one label, got {}`);
  const keep = (property: string, field: string, was: unknown, now: unknown, wayOut: string) =>
    problems.add(property, `must keep ${field} of the live ${live.object}: live ${show(was)}, new ${show(now)}; ${wayOut}`);
  if (live.name !== undefined && identity.name !== live.name) {
    keep('name', 'metadata.name', live.name, identity.name, 'a StatefulSet cannot be renamed: the new one\'s members would start on new, '
      + `empty claims (${claimsOf(live, identity.name, identity.startOrdinal)}) while the live members' claims (${claimsOf(live, live.name, identity.startOrdinal)}) `
      + `keep the data unmounted; leave 'name' unset (it defaults to the live name) or set it to ${show(live.name)}`);
  }
  if (live.namespace !== undefined && identity.namespace !== undefined && identity.namespace !== live.namespace) {
    keep('namespace', 'metadata.namespace', live.namespace, identity.namespace, 'objects in another namespace are other objects, whose members '
      + `would start on new, empty claims; set 'namespace' (or the chart's) to ${show(live.namespace)}`);
  }
  if (live.serviceName !== undefined && identity.serviceName !== live.serviceName) {
    keep('serviceName', 'spec.serviceName', live.serviceName, identity.serviceName, 'a live StatefulSet cannot change it, and every member\'s DNS name '
      + `is under it; leave 'serviceName' unset (it defaults to the live one) or set it to ${show(live.serviceName)}`);
  }
  if (props.podManagement !== undefined && props.podManagement !== live.podManagement) {
    keep('podManagement', 'spec.podManagementPolicy', live.podManagement, props.podManagement, 'a live StatefulSet cannot change it; leave '
      + '\'podManagement\' unset (it defaults to the live one), or replace the StatefulSet and keep its members: '
      + `'kubectl delete statefulset ${live.name} --cascade=orphan', then apply: the new StatefulSet adopts the running members and their claims`);
  }
  if (props.startOrdinal !== undefined && props.startOrdinal !== live.startOrdinal) {
    keep('startOrdinal', 'spec.ordinals.start', live.startOrdinal, props.startOrdinal, 'members below the new first ordinal would be deleted '
      + `and others start on new, empty claims; leave 'startOrdinal' unset (it defaults to the live one) or set it to ${show(live.startOrdinal)}`);
  }
  checkClaims(problems, props, live, keep);
}

type Keep = (property: string, field: string, was: unknown, now: unknown, wayOut: string) => void;

const IMMUTABLE_CLAIMS = 'a live StatefulSet cannot change its claim templates';

function checkClaims(problems: Problems, props: OrderedStatefulAppProps, live: LiveState, keep: Keep): void {
  const claims = props.storage?.claims ?? [];
  for (const was of live.claims) {
    const i = claims.findIndex(c => c.name === was.name);
    if (i < 0) {
      problems.add(props.storage === undefined ? 'storage' : 'storage.claims',
        `must keep the claim template ${show(was.name)} of the live ${live.object} (${describeClaim(was)}): ${IMMUTABLE_CLAIMS}, and each member's `
        + `data is in its claim (${memberClaimName(was.name, live.name ?? '', live.startOrdinal ?? 0)} and the others); add a claim named ${show(was.name)} `
        + 'of that size, with the mount path where the app keeps its data');
      continue;
    }
    const claim = claims[i];
    const property = `storage.claims[${i}]`;
    const size = storageQuantity(claim.size);
    if (size !== undefined && was.storage !== undefined && quantityValue(size) !== quantityValue(was.storage)) {
      keep(`${property}.size`, `the size of claim template ${show(was.name)}`, was.storage, size, `${IMMUTABLE_CLAIMS}; keep the size `
        + 'and resize each member\'s claim itself (kubectl patch pvc) where its StorageClass allows expansion');
    }
    if ((claim.storageClassName ?? null) !== (was.storageClassName ?? null)) {
      keep(`${property}.storageClassName`, `the storage class of claim template ${show(was.name)}`, was.storageClassName ?? null,
        claim.storageClassName ?? null, `${IMMUTABLE_CLAIMS}; ${was.storageClassName === undefined ? 'leave \'storageClassName\' unset' : `set 'storageClassName' to ${show(was.storageClassName)}`}`);
    }
    const modes = [...claim.accessModes ?? ['ReadWriteOnce']].sort();
    if (modes.join() !== [...was.accessModes].sort().join()) {
      keep(`${property}.accessModes`, `the access modes of claim template ${show(was.name)}`, was.accessModes, modes,
        `${IMMUTABLE_CLAIMS}; set 'accessModes' to the live ones`);
    }
    const mode = claim.volumeMode ?? 'Filesystem';
    if (mode !== was.volumeMode) {
      keep(`${property}.volumeMode`, `the volume mode of claim template ${show(was.name)}`, was.volumeMode, mode, `${IMMUTABLE_CLAIMS}; set 'volumeMode' to the live one`);
    }
  }
  claims.forEach((claim, i) => {
    if (!live.claims.some(was => was.name === claim.name)) {
      problems.add(`storage.claims[${i}].name`, `must name a claim template of the live ${live.object}, which has `
        + `${live.claims.length === 0 ? 'none' : live.claims.map(c => show(c.name)).join(', ')}, got ${show(claim.name)}: ${IMMUTABLE_CLAIMS}; `
        + 'use the live template\'s name, or replace the StatefulSet and keep its members: '
        + `'kubectl delete statefulset ${live.name} --cascade=orphan', then apply: each member gets the new claim when it restarts`);
    }
  });
}

function describeClaim(claim: LiveClaim): string {
  return [claim.storage ?? 'no size', claim.accessModes.join(', '), claim.storageClassName === undefined ? undefined : `storage class ${show(claim.storageClassName)}`]
    .filter(part => part !== undefined && part !== '').join(', ');
}

/** The claims of the first member under a StatefulSet name, for messages. */
function claimsOf(live: LiveState, statefulSet: string, ordinal: number): string {
  return live.claims.length === 0 ? 'none' : live.claims.map(c => memberClaimName(c.name, statefulSet, ordinal)).join(', ') + ', ...';
}
