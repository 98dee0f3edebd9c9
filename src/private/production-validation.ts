import { Duration, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { PodServicesOptions } from '../client-service';
import type { OrderedStatefulAppProps } from '../ordered-stateful-app-props';
import type { ResolvedAppProps } from './app-props-validation';
import { podServiceName } from './client-services';
import { isDns1035Label, isDns1123Label, isLabelKey, isLabelValue, MAX_LABEL_LENGTH } from './names';
import { storageQuantity } from './storage';
import { Problems, show } from './validation';

/**
 * Checks the production props of an app: client Services, disruption budget,
 * storage, rollout and network policy.
 */
export function checkProduction(problems: Problems, props: OrderedStatefulAppProps, r: ResolvedAppProps): void {
  const declared = (props.container.ports ?? []).map(p => p.name).filter((n): n is string => n !== undefined);
  const serviceNames = new Map<string, string>([[r.serviceName, 'serviceName']]);
  if (props.clientService) {
    const options = props.clientService;
    const name = options.name ?? r.name;
    problems.check(isDns1035Label(name), 'clientService.name',
      `must be a DNS-1035 label (a lowercase letter first, then lowercase letters, digits and '-', at most ${MAX_LABEL_LENGTH} characters), got ${show(name)}`
      + (options.name === undefined ? ' (the app name): set \'clientService.name\'' : ''));
    checkServiceName(problems, serviceNames, name, 'clientService.name');
    checkServiceType(problems, 'clientService.type', options.type);
    checkPortNames(problems, 'clientService.ports', options.ports, declared);
  }
  if (props.podServices) {
    checkPodServices(problems, props.podServices, r, serviceNames, declared);
  }
  checkBudget(problems, props, r);
  checkStorage(problems, props);
  checkRollout(problems, props);
  if (props.networkPolicy) {
    const options = props.networkPolicy;
    checkPortNames(problems, 'networkPolicy.peerPorts', options.peerPorts, declared);
    checkPortNames(problems, 'networkPolicy.clientPorts', options.clientPorts, declared, true);
    checkSelector(problems, 'networkPolicy.clientPodLabels', options.clientPodLabels);
    checkSelector(problems, 'networkPolicy.clientNamespaceLabels', options.clientNamespaceLabels);
  }
}

function checkServiceName(problems: Problems, taken: Map<string, string>, name: string, property: string): void {
  const owner = taken.get(name);
  problems.check(owner === undefined, property, `must differ from the name of every other Service of the app, got ${show(name)}, which '${owner}' uses`);
  taken.set(name, property);
}

function checkServiceType(problems: Problems, property: string, type: kplus.ServiceType | undefined): void {
  problems.check(type !== kplus.ServiceType.EXTERNAL_NAME, property,
    `must be CLUSTER_IP, NODE_PORT or LOAD_BALANCER: an ExternalName Service selects no pods, got ${show(type)}`);
}

function checkPortNames(problems: Problems, property: string, names: string[] | undefined, declared: string[], allowEmpty = false): void {
  if (names === undefined) {
    return;
  }
  problems.check(allowEmpty || names.length > 0, property, 'must name at least one port, got []');
  const seen = new Set<string>();
  for (const name of names) {
    problems.check(declared.includes(name), property,
      `must name ports of the main container (declared: ${declared.map(n => `'${n}'`).join(', ')}), got ${show(name)}`);
    problems.check(!seen.has(name), property, `must not name a port twice, got ${show(name)} twice`);
    seen.add(name);
  }
}

function checkPodServices(problems: Problems, options: PodServicesOptions, r: ResolvedAppProps,
  taken: Map<string, string>, declared: string[]): void {
  if (options.suffix !== undefined) {
    problems.check(isDns1123Label(options.suffix), 'podServices.suffix',
      `must be a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends), got ${show(options.suffix)}`);
  }
  checkServiceType(problems, 'podServices.type', options.type);
  checkPortNames(problems, 'podServices.ports', options.ports, declared);
  if (!Number.isInteger(r.replicas) || !Number.isInteger(r.startOrdinal)) {
    return;
  }
  for (let ordinal = r.startOrdinal; ordinal < r.startOrdinal + r.replicas; ordinal++) {
    const name = podServiceName(`${r.name}-${ordinal}`, options.suffix);
    if (!isDns1035Label(name)) {
      problems.add('podServices', `makes the Service name ${show(name)}, which is not a DNS-1035 label `
        + `(a lowercase letter first, at most ${MAX_LABEL_LENGTH} characters): start 'name' with a letter or shorten it or 'podServices.suffix'`);
      return;
    }
    checkServiceName(problems, taken, name, 'podServices');
  }
}

function checkBudget(problems: Problems, props: OrderedStatefulAppProps, r: ResolvedAppProps): void {
  const budget = props.disruptionBudget;
  if (budget === undefined || budget._field === 'none') {
    return;
  }
  const property = `disruptionBudget.${budget._field}`;
  problems.check(Number.isInteger(budget._count) && budget._count >= 0, property,
    `must be an integer >= 0, got ${show(budget._count)}`);
  if (budget._field === 'minAvailable') {
    problems.check(budget._count <= r.replicas, property,
      `must be at most the number of members (${r.replicas}), got ${show(budget._count)}`);
  }
}

// A member's claim `<claim>-<pod>` has at most 63 + 1 + 63 characters, always within the
// 253 of a PersistentVolumeClaim name, so claim names need no further length check.
function checkStorage(problems: Problems, props: OrderedStatefulAppProps): void {
  const storage = props.storage;
  if (!storage) {
    return;
  }
  problems.check(storage.claims.length > 0, 'storage.claims', 'must have at least one claim, got []');
  const names = new Set<string>();
  const paths = new Map<string, string>((props.container.volumeMounts ?? []).map(m => [m.path, 'container.volumeMounts']));
  storage.claims.forEach((claim, i) => {
    const property = `storage.claims[${i}]`;
    problems.check(isDns1123Label(claim.name), `${property}.name`,
      `must be a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends, at most ${MAX_LABEL_LENGTH} characters), got ${show(claim.name)}`);
    problems.check(!names.has(claim.name), `${property}.name`, `must be unique, got ${show(claim.name)} twice`);
    names.add(claim.name);
    problems.check(storageQuantity(claim.size) !== undefined, `${property}.size`,
      `must be a positive whole number of KiB, got ${claim.size.toKibibytes({ rounding: SizeRoundingBehavior.NONE })} KiB`);
    problems.check(claim.mountPath.startsWith('/') && !claim.mountPath.split('/').includes('..'), `${property}.mountPath`,
      `must be an absolute path without '..', got ${show(claim.mountPath)}`);
    const owner = paths.get(claim.mountPath);
    problems.check(owner === undefined, `${property}.mountPath`,
      `must not be used by another mount of the main container, got ${show(claim.mountPath)}, which ${owner} uses`);
    paths.set(claim.mountPath, property);
    if (claim.subPath !== undefined) {
      problems.check(claim.volumeMode !== kplus.PersistentVolumeMode.BLOCK, `${property}.subPath`,
        `cannot be used with a block volume, got ${show(claim.subPath)}`);
      problems.check(!claim.subPath.startsWith('/') && !claim.subPath.split('/').includes('..'), `${property}.subPath`,
        `must be a relative path without '..', got ${show(claim.subPath)}`);
    }
    const modes = claim.accessModes ?? [];
    problems.check(claim.accessModes === undefined || (modes.length > 0 && new Set(modes).size === modes.length),
      `${property}.accessModes`, `must list at least one access mode, each once, got ${show(modes)}`);
  });
  if (storage.fsGroup !== undefined) {
    problems.check(Number.isInteger(storage.fsGroup) && storage.fsGroup >= 1 && storage.fsGroup <= 2147483647, 'storage.fsGroup',
      `must be an integer from 1 to 2147483647 (0 is the root group), got ${show(storage.fsGroup)}`);
  }
}

function checkRollout(problems: Problems, props: OrderedStatefulAppProps): void {
  const rollout = props.rollout ?? {};
  const partition = rollout.strategy?._partition;
  if (partition !== undefined) {
    problems.check(Number.isInteger(partition) && partition >= 0, 'rollout.strategy',
      `has a partition that must be an integer >= 0, got ${show(partition)}`);
  }
  const minReady = (rollout.minReady ?? Duration.seconds(0)).toSeconds({ integral: false });
  problems.check(Number.isInteger(minReady), 'rollout.minReady', `must be a whole number of seconds, got ${minReady} seconds`);
  if (rollout.revisionHistoryLimit !== undefined) {
    problems.check(Number.isInteger(rollout.revisionHistoryLimit) && rollout.revisionHistoryLimit >= 0,
      'rollout.revisionHistoryLimit', `must be an integer >= 0, got ${show(rollout.revisionHistoryLimit)}`);
  }
}

function checkSelector(problems: Problems, property: string, labels: { [key: string]: string } | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    problems.check(isLabelKey(key) && isLabelValue(value), property,
      `must hold valid label keys and values, got ${show(key)}: ${show(value)}`);
  }
}
