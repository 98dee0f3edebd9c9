import * as kplus from 'cdk8s-plus-27';
import { checkChoice, checkDuration } from './checks';
import { checkContainerProps } from './containers';
import { AppIdentity, MemberPort } from '../ground/identity';
import {
  isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelKey, isLabelValue, MAX_LABEL_LENGTH, MAX_STATEFUL_SET_NAME_LENGTH,
} from '../ground/names';
import { isIntegerIn, MAX_INT32 } from '../ground/numbers';
import { Problems, show } from '../ground/problems';
import { OrderedStatefulAppProps } from '../ordered-stateful-app-props';
import { PodManagement } from '../pod-management';
import { PodSecurity } from '../pod-security';

/**
 * Checks the core props of an app (identity, containers, ports, probes, labels) against
 * its identity, resolved with defaults; the config and the production parts check their own.
 */
export function checkAppProps(problems: Problems, props: OrderedStatefulAppProps, identity: AppIdentity, podSecurity: PodSecurity): void {
  checkIdentity(problems, props, identity);
  checkChoice(problems, 'podManagement', props.podManagement, Object.values(PodManagement));
  checkChoice(problems, 'podSecurity', props.podSecurity, Object.values(PodSecurity));
  const rules = { podSecurity, allowUnpinnedImages: props.allowUnpinnedImages === true };
  checkContainerProps(problems, 'container', props.container, { ...rules, init: false });
  (props.initContainers ?? []).forEach((init, i) => checkContainerProps(problems, `initContainers[${i}]`, init, { ...rules, init: true }));
  checkPorts(problems, props.container);
  checkProbes(problems, props);
  checkLabels(problems, props.labels ?? {}, Object.keys(identity.selectorLabels));
  checkPodSettings(problems, props);
}

function checkIdentity(problems: Problems, props: OrderedStatefulAppProps, r: AppIdentity): void {
  const nameSource = props.name !== undefined ? '' : props.adopt !== undefined ? ' (the adopted StatefulSet\'s)' : ' (the construct id): set \'name\'';
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
  problems.checkInteger('replicas', r.replicas, 0);
  problems.checkInteger('startOrdinal', r.startOrdinal, 0);
  // With at most 52 characters of name and 10 digits of ordinal, a pod name fits the 63 of a hostname.
  if (isIntegerIn(r.replicas, 1, MAX_INT32) && isIntegerIn(r.startOrdinal, 0, MAX_INT32)) {
    problems.check(r.lastOrdinal <= MAX_INT32, 'startOrdinal',
      `makes the last ordinal ${r.lastOrdinal}, but the StatefulSet controller reads ordinals up to ${MAX_INT32}, got ${show(r.startOrdinal)}: `
      + 'lower \'startOrdinal\' or \'replicas\'');
  }
}

/** The main container's ports: at least one, each named, as the headless Service and its SRV records need. */
function checkPorts(problems: Problems, container: kplus.ContainerProps): void {
  const ports = container.ports ?? [];
  problems.check(ports.length > 0, 'container.ports',
    'must declare at least one named port: the headless Service publishes the members\' ports, got []');
  checkPodPorts(problems, 'container', container, []);
}

/**
 * A container's ports as the pod publishes them: each named, as the headless Service and its
 * SRV records need, and, with `others` the ports of the pod's other containers, no name or
 * number and protocol twice in the pod (its containers share one network namespace).
 */
export function checkPodPorts(problems: Problems, property: string, container: kplus.ContainerProps, others: MemberPort[]): void {
  problems.check(container.portNumber === undefined && container.port === undefined, `${property}.portNumber`,
    `cannot be used: every port needs a name, got ${show(container.portNumber ?? container.port)}; declare 'ports: [{ name, number }]'`);
  (container.ports ?? []).forEach((port, i) => {
    problems.check(port.name !== undefined, `${property}.ports[${i}].name`,
      `must be set: every port needs a name for the headless Service and its SRV records (port ${show(port.number)})`);
    const named = others.find(p => p.name === port.name);
    problems.check(named === undefined, `${property}.ports[${i}].name`,
      `must be unique in the pod, got ${show(port.name)}, which another container of the pod declares`);
    const numbered = others.find(p => p.number === port.number && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    problems.check(numbered === undefined, `${property}.ports[${i}].number`,
      `must be unique per protocol in the pod, got ${show(port.number)}, which the port ${show(numbered?.name)} of another container uses`);
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

function checkLabels(problems: Problems, labels: { [key: string]: string }, selectorKeys: string[]): void {
  for (const [key, value] of Object.entries(labels)) {
    problems.check(isLabelKey(key), 'labels',
      `keys must be an optional DNS subdomain prefix and '/', then a name of at most ${MAX_LABEL_LENGTH} alphanumerics, '-', '_' or '.', got ${show(key)}`);
    problems.check(isLabelValue(value), `labels.${key}`,
      `must be at most ${MAX_LABEL_LENGTH} alphanumerics, '-', '_' or '.', alphanumeric at both ends, got ${show(value)}`);
    problems.check(!selectorKeys.includes(key), `labels.${key}`,
      `cannot be set: the library owns the selector label ${show(key)}, got ${show(value)}`);
  }
}

function checkPodSettings(problems: Problems, props: OrderedStatefulAppProps): void {
  if (props.preStop !== undefined) {
    problems.check(props.preStop.length > 0 && props.preStop[0] !== '', 'preStop', `must be a command with at least a program, got ${show(props.preStop)}`);
    problems.check(props.container.lifecycle?.preStop === undefined, 'preStop', 'and \'container.lifecycle.preStop\' are both set: give one of them');
  }
  checkDuration(problems, 'terminationGracePeriod', props.terminationGracePeriod, 0);
  const priority = props.priorityClassName;
  if (priority !== undefined) {
    problems.check(isDns1123Subdomain(priority), 'priorityClassName',
      `must be the name of a PriorityClass, a DNS subdomain (lowercase letters, digits, '-' and '.'), got ${show(priority)}`);
  }
}
