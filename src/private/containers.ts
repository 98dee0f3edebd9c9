import { SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { checkSize } from './checks';
import { checkContainerSecurity } from './security';
import { imageProblem } from '../ground/images';
import { checkMountPaths } from '../ground/mount-paths';
import { dns1123LabelProblem, envVarNameProblem, ianaSvcNameProblem } from '../ground/names';
import { PROBE_FIELD_MINIMUMS, SINGLE_SUCCESS_PROBES } from '../ground/probes';
import { Problems, show } from '../ground/problems';
import { quantityValue } from '../ground/quantities';
import { PodSecurity } from '../pod-security';

/** What a container is checked against. */
export interface ContainerRules {
  readonly podSecurity: PodSecurity;
  readonly allowUnpinnedImages: boolean;
  /** An init container runs to completion before the main container starts: no probes, no lifecycle hooks. */
  readonly init: boolean;
}

const PROBES = ['readiness', 'liveness', 'startup'] as const;
const PROTOCOLS: string[] = Object.values(kplus.Protocol);

/**
 * Reports what in the props of a container (the main one or an init container) the API
 * server or the kubelet would refuse, or what cdk8s-plus would fail to write without
 * naming the property. That the main container's ports have names, which the app publishes,
 * is checked with the app's props.
 */
export function checkContainerProps(problems: Problems, property: string, container: kplus.ContainerProps, rules: ContainerRules): void {
  if (container.name !== undefined) {
    const problem = dns1123LabelProblem(container.name);
    problems.check(problem === undefined, `${property}.name`,
      `${problem} (a DNS-1123 label: lowercase letters, digits and '-', alphanumeric at both ends), got ${show(container.name)}`);
  }
  checkImage(problems, `${property}.image`, container.image ?? '', rules.allowUnpinnedImages);
  checkEnv(problems, property, container);
  checkResources(problems, `${property}.resources`, container.resources);
  checkContainerSecurity(problems, property, container.securityContext, rules.podSecurity);
  checkContainerPorts(problems, `${property}.ports`, container.ports ?? []);
  checkVolumeMounts(problems, `${property}.volumeMounts`, container.volumeMounts ?? []);
  if (rules.init) {
    for (const field of [...PROBES, 'lifecycle'] as const) {
      problems.check(container[field] === undefined, `${property}.${field}`,
        `cannot be set on an init container, which runs to completion before the main container starts, got ${field === 'lifecycle' ? 'lifecycle hooks' : 'a probe'}`);
    }
    return;
  }
  for (const kind of PROBES) {
    const probe = container[kind];
    if (probe !== undefined) {
      checkKubeProbe(problems, `${property}.${kind}`, probe, kind);
    }
  }
  for (const hook of ['postStart', 'preStop'] as const) {
    const handler = container.lifecycle?.[hook];
    if (handler !== undefined) {
      checkAction(problems, `${property}.lifecycle.${hook}`, render<kplus.k8s.LifecycleHandler>(handler).kube ?? {});
    }
  }
}

function checkImage(problems: Problems, property: string, image: string, allowUnpinned: boolean): void {
  const problem = imageProblem(image, allowUnpinned);
  problems.check(problem === undefined, property, problem!);
}

function checkEnv(problems: Problems, property: string, container: kplus.ContainerProps): void {
  for (const name of Object.keys(container.envVariables ?? {})) {
    const problem = envVarNameProblem(name);
    problems.check(problem === undefined, `${property}.envVariables`, `names ${problem}, got ${show(name)}`);
  }
  (container.envFrom ?? []).forEach((source, i) => {
    const prefix = source._toKube().prefix;
    const problem = prefix ? envVarNameProblem(prefix) : undefined;
    problems.check(problem === undefined, `${property}.envFrom[${i}]`, `has a prefix that ${problem}, got ${show(prefix)}`);
  });
}

/**
 * Ports in the form the API server accepts: numbers from 1 to 65535, IANA_SVC_NAME names
 * each once, one port per number and protocol, and no host port, which neither Pod Security
 * Standard the library builds for allows.
 */
function checkContainerPorts(problems: Problems, property: string, ports: kplus.ContainerPort[]): void {
  const names = new Set<string>();
  const numbers = new Set<string>();
  ports.forEach((port, i) => {
    const at = `${property}[${i}]`;
    if (port.name !== undefined) {
      const problem = ianaSvcNameProblem(port.name);
      problems.check(problem === undefined, `${at}.name`,
        `${problem} (IANA_SVC_NAME: at most 15 lowercase letters, digits and single hyphens, at least one letter), got ${show(port.name)}`);
      problems.check(!names.has(port.name), `${at}.name`, `must be unique, got ${show(port.name)} twice`);
      names.add(port.name);
    }
    problems.check(Number.isInteger(port.number) && port.number >= 1 && port.number <= 65535, `${at}.number`,
      `must be an integer from 1 to 65535, got ${show(port.number)}`);
    problems.check(port.protocol === undefined || PROTOCOLS.includes(port.protocol), `${at}.protocol`,
      `must be TCP, UDP or SCTP, got ${show(port.protocol)}`);
    const key = `${port.number}/${port.protocol ?? kplus.Protocol.TCP}`;
    problems.check(!numbers.has(key), `${at}.number`, `must be unique per protocol, got ${show(port.number)} twice`);
    numbers.add(key);
    problems.check(port.hostPort === undefined && port.hostIp === undefined, `${at}.hostPort`,
      `cannot be set: the baseline and restricted Pod Security Standards refuse host ports, got ${show(port.hostPort ?? port.hostIp)}`);
  });
}

/**
 * Mount paths a container can start with, each its own directory: paths that differ only in
 * their spelling (`/tmp` and `/tmp/`) are one directory, where one volume hides the other.
 * The paths are written as given, as the API server stores them.
 */
function checkVolumeMounts(problems: Problems, property: string, mounts: kplus.VolumeMount[]): void {
  checkMountPaths(problems, mounts.map((mount, i) => ({ path: mount.path, property: `${property}[${i}].path`, label: `${property}[${i}]` })));
}

/** A request and a limit of one resource. */
interface ResourceBounds<T> {
  readonly request?: T;
  readonly limit?: T;
}

function checkResources(problems: Problems, property: string, resources: kplus.ContainerResources | undefined): void {
  checkBounds(problems, `${property}.cpu`, typed(problems, `${property}.cpu`, resources?.cpu, checkCpu), cpu => {
    const value = quantityValue(cpu.amount);
    return value !== undefined && value >= 0 ? value : undefined;
  }, cpu => show(cpu.amount), 'a CPU amount >= 0 such as Cpu.millis(500) or Cpu.units(2)');
  checkBounds(problems, `${property}.memory`, typed(problems, `${property}.memory`, resources?.memory, checkSize), size => wholeAmount(size.toMebibytes({ rounding: SizeRoundingBehavior.NONE })),
    size => `${size.toMebibytes({ rounding: SizeRoundingBehavior.NONE })} MiB`, 'a whole number of MiB (cdk8s-plus writes memory in MiB)');
  checkBounds(problems, `${property}.ephemeralStorage`, typed(problems, `${property}.ephemeralStorage`, resources?.ephemeralStorage, checkSize), size => wholeAmount(size.toGibibytes({ rounding: SizeRoundingBehavior.NONE })),
    size => `${size.toGibibytes({ rounding: SizeRoundingBehavior.NONE })} GiB`, 'a whole number of GiB (cdk8s-plus writes ephemeral storage in GiB)');
}

/** Reports a CPU amount that is not a cdk8s-plus `Cpu`; returns whether it is one. */
function checkCpu(problems: Problems, property: string, cpu: kplus.Cpu): boolean {
  const isCpu = typeof (cpu as { amount?: unknown } | undefined)?.amount === 'string';
  problems.check(isCpu, property, `must be a cdk8s-plus Cpu such as Cpu.millis(500), got ${show(cpu)}`);
  return isCpu;
}

/** The bounds, or undefined after reporting a request or a limit of another type than `check` accepts. */
function typed<T>(problems: Problems, property: string, bounds: ResourceBounds<T> | undefined,
  check: (problems: Problems, property: string, value: T) => boolean): ResourceBounds<T> | undefined {
  const fields = (['request', 'limit'] as const).filter(field => bounds?.[field] !== undefined);
  const valid = fields.map(field => check(problems, `${property}.${field}`, bounds![field]!));
  return valid.every(Boolean) ? bounds : undefined;
}

/** An amount cdk8s-plus writes as a plain integer, or undefined. */
function wholeAmount(amount: number): number | undefined {
  return Number.isSafeInteger(amount) && amount >= 0 ? amount : undefined;
}

function checkBounds<T extends object>(problems: Problems, property: string, bounds: ResourceBounds<T> | undefined,
  amount: (value: T) => number | undefined, text: (value: T) => string, allowed: string): void {
  const request = bounds?.request === undefined ? undefined : amount(bounds.request);
  const limit = bounds?.limit === undefined ? undefined : amount(bounds.limit);
  if (bounds?.request !== undefined) {
    problems.check(request !== undefined, `${property}.request`, `must be ${allowed}, got ${text(bounds.request)}`);
  }
  if (bounds?.limit !== undefined) {
    problems.check(limit !== undefined, `${property}.limit`, `must be ${allowed}, got ${text(bounds.limit)}`);
    problems.check(limit !== 0, `${property}.limit`, `must be more than 0 (a limit of 0 is no limit at all), got ${text(bounds.limit)}`);
  }
  if (request !== undefined && limit !== undefined) {
    problems.check(request <= limit, `${property}.request`,
      `must be at most the limit (${text(bounds!.limit!)}), got ${text(bounds!.request!)}`);
  }
}

/**
 * The Kubernetes form of a cdk8s-plus probe or lifecycle handler, rendered as cdk8s-plus
 * renders it when it writes the container (its `_toKube`), or the error that rendering
 * throws (a duration that is not whole seconds). cdk8s-plus would throw that error only
 * while serializing, as "Failed serializing construct" without the property.
 *
 * The container it is rendered for has port number 0: cdk8s-plus probes and calls
 * `container.portNumber`, or port 80, when a probe or handler names no port, and the main
 * container of an app has only named ports, so 0 marks "no port given".
 */
function render<T>(value: kplus.Probe | kplus.Handler): { readonly kube?: T; readonly error?: string } {
  const renderable = value as unknown as { _toKube(container: { readonly portNumber: number }): T };
  try {
    return { kube: renderable._toKube({ portNumber: 0 }) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * The duration in the error cdk8s throws for one that is not whole seconds (`'500 millis'
 * cannot be converted...`, `1.5 must be a whole number of seconds.`), or what else it is:
 * a value of another type throws a TypeError when it is read.
 */
function refusedDuration(error: string): string {
  const converted = /^('[^']*') cannot be converted/.exec(error)?.[1];
  const fractional = /^(\S+) must be a whole number of (\w+)/.exec(error);
  return converted ?? (fractional ? show(`${fractional[1]} ${fractional[2]}`) : 'a value that is not a cdk8s Duration');
}

/** Checks a cdk8s-plus probe given to a container as it is. */
function checkKubeProbe(problems: Problems, property: string, probe: kplus.Probe, kind: typeof PROBES[number]): void {
  const { kube, error } = render<kplus.k8s.Probe>(probe);
  if (kube === undefined) {
    problems.add(property, `must give initialDelaySeconds, periodSeconds and timeoutSeconds as cdk8s Durations of whole seconds, got ${refusedDuration(error ?? '')}`);
    return;
  }
  for (const [field, min] of Object.entries(PROBE_FIELD_MINIMUMS)) {
    const value = kube[field as keyof typeof PROBE_FIELD_MINIMUMS];
    if (value !== undefined) {
      problems.checkInteger(`${property}.${field}`, value, min);
    }
  }
  if (SINGLE_SUCCESS_PROBES.includes(kind) && kube.successThreshold !== undefined) {
    problems.check(kube.successThreshold === 1, `${property}.successThreshold`, `must be 1 for a ${kind} probe, got ${show(kube.successThreshold)}`);
  }
  checkAction(problems, property, kube);
}

/** Checks what a probe or lifecycle handler does: run a command, GET a path, or connect to a port. */
function checkAction(problems: Problems, property: string, action: kplus.k8s.LifecycleHandler): void {
  if (action.exec !== undefined) {
    problems.check((action.exec.command ?? []).length > 0, property, `must run a command, got ${show(action.exec.command ?? [])}`);
  }
  if (action.httpGet !== undefined) {
    problems.check((action.httpGet.path ?? '').length > 0, property, `must request a path such as '/healthz', got ${show(action.httpGet.path)}`);
  }
  const port = (action.httpGet ?? action.tcpSocket)?.port.value;
  if (port === 0) {
    problems.add(property, 'must give a \'port\' from 1 to 65535, got none or 0: without one, cdk8s-plus uses port 80, as the main container has only named ports');
  } else if (port !== undefined) {
    problems.check(Number.isInteger(port) && Number(port) >= 1 && Number(port) <= 65535, `${property}.port`,
      `must be an integer from 1 to 65535, got ${show(port)}`);
  }
}
