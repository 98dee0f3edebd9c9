import * as kplus from 'cdk8s-plus-27';
import { checkContainerSecurity } from './security';
import { AppIdentity, MemberPort } from '../ground/identity';
import { unpinnedImageProblem } from '../ground/images';
import { SELECTOR_LABEL_KEYS } from '../ground/labels';
import {
  ianaSvcNameProblem, isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelKey, isLabelValue,
  MAX_LABEL_LENGTH, MAX_STATEFUL_SET_NAME_LENGTH,
} from '../ground/names';
import { Problems, show } from '../ground/problems';
import { OrderedStatefulAppProps } from '../ordered-stateful-app-props';
import { PodSecurity } from '../pod-security';

/**
 * Checks the core props of an app (identity, containers, ports, probes, labels) against
 * its identity, resolved with defaults; the config and the production parts check their own.
 */
export function checkAppProps(problems: Problems, props: OrderedStatefulAppProps, identity: AppIdentity, podSecurity: PodSecurity): void {
  checkIdentity(problems, props, identity);
  checkContainer(problems, 'container', props.container, props, podSecurity);
  (props.initContainers ?? []).forEach((init, i) => checkContainer(problems, `initContainers[${i}]`, init, props, podSecurity));
  checkPorts(problems, props.container);
  checkProbes(problems, props);
  checkLabels(problems, props.labels ?? {});
  checkPodSettings(problems, props);
}

function checkPodSettings(problems: Problems, props: OrderedStatefulAppProps): void {
  if (props.preStop !== undefined) {
    problems.check(props.preStop.length > 0 && props.preStop[0] !== '', 'preStop', `must be a command with at least a program, got ${show(props.preStop)}`);
    problems.check(props.container.lifecycle?.preStop === undefined, 'preStop', 'and \'container.lifecycle.preStop\' are both set: give one of them');
  }
  const grace = props.terminationGracePeriod?.toSeconds({ integral: false });
  if (grace !== undefined) {
    problems.check(Number.isInteger(grace) && grace >= 0, 'terminationGracePeriod', `must be a whole number of seconds, at least 0, got ${grace} seconds`);
  }
  const priority = props.priorityClassName;
  if (priority !== undefined) {
    problems.check(isDns1123Subdomain(priority), 'priorityClassName',
      `must be the name of a PriorityClass, a DNS subdomain (lowercase letters, digits, '-' and '.'), got ${show(priority)}`);
  }
}

function checkIdentity(problems: Problems, props: OrderedStatefulAppProps, r: AppIdentity): void {
  const nameSource = props.name === undefined ? ' (the construct id): set \'name\'' : '';
  problems.check(isDns1123Label(r.name) && r.name.length <= MAX_STATEFUL_SET_NAME_LENGTH, 'name',
    `must be a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends) of at most ${MAX_STATEFUL_SET_NAME_LENGTH} characters, `
    + `so that the controller-revision-hash label fits ${MAX_LABEL_LENGTH}, got ${show(r.name)}${nameSource}`);
  problems.check(isDns1035Label(r.serviceName), 'serviceName',
    `must be a DNS-1035 label (a lowercase letter first, then lowercase letters, digits and '-', at most ${MAX_LABEL_LENGTH} characters), got ${show(r.serviceName)}`);
  if (r.namespace !== undefined) {
    problems.check(isDns1123Label(r.namespace), 'namespace',
      `must be a DNS-1123 label of at most ${MAX_LABEL_LENGTH} characters, got ${show(r.namespace)}`);
  }
  problems.check(isDns1123Subdomain(r.clusterDomain), 'clusterDomain',
    `must be a DNS subdomain such as 'cluster.local', got ${show(r.clusterDomain)}`);
  problems.check(Number.isInteger(r.replicas) && r.replicas >= 0, 'replicas',
    `must be an integer >= 0, got ${show(r.replicas)}`);
  problems.check(Number.isInteger(r.startOrdinal) && r.startOrdinal >= 0, 'startOrdinal',
    `must be an integer >= 0, got ${show(r.startOrdinal)}`);
  if (Number.isInteger(r.replicas) && r.replicas > 0 && Number.isInteger(r.startOrdinal)) {
    const lastPod = r.podName(r.lastOrdinal);
    problems.check(lastPod.length <= MAX_LABEL_LENGTH, 'name',
      `makes the pod name ${show(lastPod)} ${lastPod.length} characters long, but a pod hostname has at most ${MAX_LABEL_LENGTH}: shorten 'name'`);
  }
}

/** Checks a container's image and security context (the main container, an init container or a sidecar). */
export function checkContainer(problems: Problems, property: string, container: kplus.ContainerProps,
  props: OrderedStatefulAppProps, podSecurity: PodSecurity): void {
  if (!props.allowUnpinnedImages) {
    const problem = unpinnedImageProblem(container.image);
    problems.check(problem === undefined, `${property}.image`,
      `must be pinned to a tag other than 'latest' or to a digest, got ${show(container.image)}, which ${problem}: `
      + 'pin a version, or set \'allowUnpinnedImages: true\'');
  }
  checkContainerSecurity(problems, property, container.securityContext, podSecurity);
}

function checkPorts(problems: Problems, container: kplus.ContainerProps): void {
  const ports = container.ports ?? [];
  problems.check(container.portNumber === undefined && container.port === undefined, 'container.portNumber',
    `cannot be used: every port needs a name, got ${show(container.portNumber ?? container.port)}; declare 'ports: [{ name, number }]'`);
  problems.check(ports.length > 0, 'container.ports',
    'must declare at least one named port: the headless Service publishes the members\' ports');
  checkNamedPorts(problems, 'container', ports, []);
}

/**
 * Checks a container's ports: each named (IANA_SVC_NAME), names and number/protocol pairs
 * unique in the pod, `others` being the ports of the pod's other containers.
 */
export function checkNamedPorts(problems: Problems, property: string, ports: kplus.ContainerPort[], others: MemberPort[]): void {
  const names = new Set<string>(others.map(p => p.name));
  const numbers = new Set<string>(others.map(p => `${p.number}/${p.protocol ?? kplus.Protocol.TCP}`));
  ports.forEach((port, i) => {
    const where = `${property}.ports[${i}]`;
    if (port.name === undefined) {
      problems.add(`${where}.name`, `must be set: every port needs a name for the headless Service and its SRV records (port ${port.number})`);
    } else {
      const problem = ianaSvcNameProblem(port.name);
      problems.check(problem === undefined, `${where}.name`,
        `${problem} (IANA_SVC_NAME: at most 15 lowercase letters, digits and single hyphens, at least one letter), got ${show(port.name)}`);
      problems.check(!names.has(port.name), `${where}.name`, `must be unique, got ${show(port.name)} twice`);
      names.add(port.name);
    }
    problems.check(Number.isInteger(port.number) && port.number >= 1 && port.number <= 65535, `${where}.number`,
      `must be an integer from 1 to 65535, got ${show(port.number)}`);
    const key = `${port.number}/${port.protocol ?? kplus.Protocol.TCP}`;
    problems.check(!numbers.has(key), `${where}.number`, `must be unique per protocol, got ${port.number} twice`);
    numbers.add(key);
  });
}

function checkProbes(problems: Problems, props: OrderedStatefulAppProps): void {
  for (const kind of ['readiness', 'liveness', 'startup'] as const) {
    const probe = props[kind];
    problems.check(probe === undefined || props.container[kind] === undefined, kind,
      `and 'container.${kind}' are both set: give one of them`);
    probe?._check(problems, kind, props.container.ports ?? []);
  }
}

function checkLabels(problems: Problems, labels: { [key: string]: string }): void {
  for (const [key, value] of Object.entries(labels)) {
    problems.check(isLabelKey(key), 'labels',
      `keys must be an optional DNS subdomain prefix and '/', then a name of at most ${MAX_LABEL_LENGTH} alphanumerics, '-', '_' or '.', got ${show(key)}`);
    problems.check(isLabelValue(value), `labels.${key}`,
      `must be at most ${MAX_LABEL_LENGTH} alphanumerics, '-', '_' or '.', alphanumeric at both ends, got ${show(value)}`);
    problems.check(!SELECTOR_LABEL_KEYS.includes(key), `labels.${key}`,
      `cannot be set: the library owns the selector label ${show(key)}, got ${show(value)}`);
  }
}
