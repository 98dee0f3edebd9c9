import { ApiObject, Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { OrderedStatefulApp } from '../ordered-stateful-app';
import { StartAfterOptions } from '../start-after';
import { editFinalJson } from './final-json';
import { Problems, show } from './validation';

/**
 * The image of the wait container: the official bash image. Its bash is built from
 * the GNU sources with the default `--enable-net-redirections`, so `/dev/tcp/<host>/<port>`
 * opens a TCP connection, and its Alpine base brings the BusyBox `timeout` and `sleep`.
 */
export const WAIT_IMAGE = 'bash:5.2.26';

/** The numeric user (and group) of the wait container: `nobody`. */
export const WAIT_USER = 65534;

/** How long the wait container waits when `timeout` is not given. */
export const DEFAULT_WAIT_TIMEOUT = Duration.minutes(5);

/**
 * Tries every host in `WAIT_HOSTS` in turn until it accepts a TCP connection on `WAIT_PORT`,
 * each try bounded by `timeout 3`, and gives up with status 1 once `WAIT_TIMEOUT_SECONDS`
 * have passed. Written without `$(...)`, which Kubernetes would read as a variable reference.
 */
const WAIT_SCRIPT = [
  '(( deadline = SECONDS + WAIT_TIMEOUT_SECONDS ))',
  'for host in ${WAIT_HOSTS}; do',
  '  until timeout 3 bash -c \'exec 3<>"/dev/tcp/$1/$2"\' wait "${host}" "${WAIT_PORT}" 2>/dev/null; do',
  '    if (( SECONDS >= deadline )); then',
  '      echo "gave up after ${WAIT_TIMEOUT_SECONDS}s: ${WAIT_FOR} at ${host}:${WAIT_PORT} does not accept connections" >&2',
  '      exit 1',
  '    fi',
  '    echo "waiting for ${WAIT_FOR}: ${host}:${WAIT_PORT} does not accept connections yet"',
  '    sleep 2',
  '  done',
  '  echo "${WAIT_FOR} at ${host}:${WAIT_PORT} accepts connections"',
  'done',
].join('\n');

/** The name of the init container that waits for `other`: at most 9 + 52 characters, a valid container name. */
export function waitContainerName(other: OrderedStatefulApp): string {
  return `wait-for-${other.name}`;
}

/** How many wait containers each app has, so that they run in the order `startAfter()` was called. */
const WAIT_COUNTS = new WeakMap<OrderedStatefulApp, number>();

function dependsOn(from: IConstruct, target: IConstruct): boolean {
  return from.node.dependencies.some(dep => dep === target || dependsOn(dep, target));
}

/**
 * Makes `app`'s members wait, in an init container that runs before any other, until
 * `other` accepts TCP connections, and puts `other`'s objects first in the YAML.
 */
export function addStartAfter(app: OrderedStatefulApp, other: OrderedStatefulApp, options: StartAfterOptions): void {
  const problems = new Problems(app.node.path, 'startAfter()');
  const name = waitContainerName(other);
  const declared = other.mainContainer.ports;
  const portName = options.port ?? declared[0].name!;
  const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT;
  const seconds = timeout.toSeconds({ integral: false });
  problems.check(other !== app, 'other', `must be another app, got the app ${show(app.name)} itself`);
  problems.check(!dependsOn(other, app), 'other',
    `already starts after ${show(app.name)}: two apps cannot wait for each other, got ${show(other.name)}`);
  problems.check(!app.node.dependencies.includes(other), 'other', `is already waited for, got ${show(other.name)} twice`);
  problems.check(other.replicas > 0, 'other', `has no members to wait for (replicas is 0), got ${show(other.name)}`);
  problems.check(other.namespace !== undefined || app.namespace === undefined, 'other',
    `has no namespace, so its DNS names resolve only inside the namespace it is applied to, while this app is in ${show(app.namespace)}: `
    + `set the namespace of ${show(other.name)}`);
  problems.check(declared.some(p => p.name === portName), 'options.port',
    `must name a port of ${show(other.name)} (declared: ${declared.map(p => `'${p.name}'`).join(', ')}), got ${show(portName)}`);
  problems.check(Number.isInteger(seconds) && seconds >= 1, 'options.timeout',
    `must be a whole number of seconds, at least 1, got ${seconds} seconds`);
  problems.throwIfAny();

  app.node.addDependency(other);
  const port = other.port(portName);
  const hosts = options.allMembers ? other.peerFqdns() : [other.podFqdn(other.startOrdinal)];
  const container = {
    name,
    image: WAIT_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    command: ['bash', '-c', WAIT_SCRIPT],
    // The last log lines become the termination message that `kubectl describe pod` shows.
    terminationMessagePolicy: 'FallbackToLogsOnError',
    env: [
      { name: 'WAIT_FOR', value: other.name },
      { name: 'WAIT_HOSTS', value: hosts.join(' ') },
      { name: 'WAIT_PORT', value: String(port.number) },
      { name: 'WAIT_TIMEOUT_SECONDS', value: String(seconds) },
    ],
    resources: {
      requests: { cpu: '10m', memory: '16Mi' },
      limits: { cpu: '100m', memory: '32Mi' },
    },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: WAIT_USER,
      runAsGroup: WAIT_USER,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
  const index = WAIT_COUNTS.get(app) ?? 0;
  WAIT_COUNTS.set(app, index + 1);
  editFinalJson(ApiObject.of(app.statefulSet), json => {
    const podSpec = json.spec.template.spec;
    const inits = podSpec.initContainers ?? [];
    podSpec.initContainers = [...inits.slice(0, index), container, ...inits.slice(index)];
  });
}
