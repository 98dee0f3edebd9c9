import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { AppContext } from './app-context';
import { Problems, show } from '../ground/problems';
import { WAIT_FOR_ENV, WAIT_HOSTS_ENV, WAIT_PORT_ENV, WAIT_TIMEOUT_ENV, waitContainerName } from '../ground/waits';
import { PodSecurity } from '../pod-security';
import { StartAfterOptions } from '../start-after';

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

function dependsOn(from: IConstruct, target: IConstruct): boolean {
  return from.node.dependencies.some(dep => dep === target || dependsOn(dep, target));
}

/**
 * Makes `app`'s members wait, in an init container that runs before any other, until
 * `other` accepts TCP connections, and puts `other`'s objects first in the YAML
 * (the convention of `src/ground/waits.ts`; the name has at most 9 + 52 characters).
 */
export function addStartAfter(app: AppContext, other: AppContext, options: StartAfterOptions): void {
  const problems = new Problems(app.scope.node.path, 'startAfter()');
  const target = other.identity;
  const portName = options.port ?? target.ports[0].name;
  const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT;
  const seconds = timeout.toSeconds({ integral: false });
  problems.check(other !== app, 'other', `must be another app, got the app ${show(app.identity.name)} itself`);
  problems.check(!dependsOn(other.scope, app.scope), 'other',
    `already starts after ${show(app.identity.name)}: two apps cannot wait for each other, got ${show(target.name)}`);
  problems.check(!app.scope.node.dependencies.includes(other.scope), 'other', `is already waited for, got ${show(target.name)} twice`);
  problems.check(target.replicas > 0, 'other', `has no members to wait for (replicas is 0), got ${show(target.name)}`);
  problems.check(target.namespace !== undefined || app.identity.namespace === undefined, 'other',
    `has no namespace, so its DNS names resolve only inside the namespace it is applied to, while this app is in ${show(app.identity.namespace)}: `
    + `set the namespace of ${show(target.name)}`);
  const port = target.port(portName);
  problems.check(port !== undefined, 'options.port',
    `must name a port of ${show(target.name)} (declared: ${target.ports.map(p => `'${p.name}'`).join(', ')}), got ${show(portName)}`);
  problems.check(Number.isInteger(seconds) && seconds >= 1, 'options.timeout',
    `must be a whole number of seconds, at least 1, got ${seconds} seconds`);
  problems.throwIfAny();

  app.scope.node.addDependency(other.scope);
  const hosts = options.allMembers ? target.ordinals.map(o => target.podFqdn(o)) : [target.podFqdn(target.startOrdinal)];
  app.writer.addInitContainer({
    name: waitContainerName(target.name),
    image: WAIT_IMAGE,
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    command: ['bash', '-c', WAIT_SCRIPT],
    envVariables: {
      [WAIT_FOR_ENV]: kplus.EnvValue.fromValue(target.name),
      [WAIT_HOSTS_ENV]: kplus.EnvValue.fromValue(hosts.join(' ')),
      [WAIT_PORT_ENV]: kplus.EnvValue.fromValue(String(port!.number)),
      [WAIT_TIMEOUT_ENV]: kplus.EnvValue.fromValue(String(seconds)),
    },
    resources: {
      cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(100) },
      memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) },
    },
    securityContext: { user: WAIT_USER, group: WAIT_USER, readOnlyRootFilesystem: true },
  }, {
    level: PodSecurity.RESTRICTED,
    first: true,
    fields: {
      // The last log lines become the termination message that `kubectl describe pod` shows.
      'terminationMessagePolicy': 'FallbackToLogsOnError',
      'securityContext/seccompProfile': { type: 'RuntimeDefault' },
    },
  });
}
