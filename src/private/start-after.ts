import { Duration, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { AppContext } from './app-context';
import { checkDuration } from './checks';
import { AppNetworkPolicy } from './parts/part';
import { Problems, show } from '../ground/problems';
import { WAIT_FOR_ENV, WAIT_HOSTS_ENV, WAIT_PORT_ENV, WAIT_TIMEOUT_ENV, waitContainerName } from '../ground/waits';
import { PodSecurity } from '../pod-security';
import { StartAfterOptions, WaitCheck } from '../start-after';

/**
 * The image of the wait container of TCP and HTTP checks: the official bash image. Its
 * bash is built from the GNU sources with the default `--enable-net-redirections`, so
 * `/dev/tcp/<host>/<port>` opens a TCP connection, and its Alpine base brings the BusyBox
 * `sh`, `timeout`, `date` and `sleep`.
 */
const DEFAULT_WAIT_IMAGE = 'bash:5.2.26';

/** The numeric user (and group) of the wait container: `nobody`. */
const WAIT_USER = 65534;

/** How long the wait container waits when `timeout` is not given. */
const DEFAULT_WAIT_TIMEOUT = Duration.minutes(5);

/** The HTTP path of an HTTP check. */
const WAIT_PATH_ENV = 'WAIT_PATH';

/** The check of a TCP wait: the member accepts a connection. */
const TCP_CHECK = 'exec 2>/dev/null 3<>"/dev/tcp/$WAIT_HOST/$WAIT_PORT"';

/** The check of an HTTP wait: `GET $WAIT_PATH` answers 2xx or 3xx. */
const HTTP_CHECK = [
  'exec 2>/dev/null 3<>"/dev/tcp/$WAIT_HOST/$WAIT_PORT"',
  'printf "GET %s HTTP/1.0\\r\\nHost: %s\\r\\n\\r\\n" "$WAIT_PATH" "$WAIT_HOST" >&3',
  'read -r version status rest <&3',
  '[[ "$status" == [23][0-9][0-9] ]]',
].join('\n');

/**
 * Runs the check (the script's arguments) against every host in `WAIT_HOSTS` in turn, with
 * `WAIT_HOST` set to it, until it passes, and gives up with status 1 once
 * `WAIT_TIMEOUT_SECONDS` have passed. POSIX sh, so that a command check runs in any image
 * with `sh`, `date` and `sleep`. Written without `$(...)`, which Kubernetes would read as a
 * variable reference (`$((...))` is arithmetic, which it leaves alone).
 */
const WAIT_SCRIPT = [
  'deadline=`date +%s`',
  'deadline=$(( deadline + WAIT_TIMEOUT_SECONDS ))',
  'for host in ${WAIT_HOSTS}; do',
  '  export WAIT_HOST="${host}"',
  '  until "$@"; do',
  '    if [ "`date +%s`" -ge "${deadline}" ]; then',
  '      echo "gave up after ${WAIT_TIMEOUT_SECONDS}s: ${WAIT_FOR} at ${host}:${WAIT_PORT} is not up" >&2',
  '      exit 1',
  '    fi',
  '    echo "waiting for ${WAIT_FOR}: ${host}:${WAIT_PORT} is not up yet"',
  '    sleep 2',
  '  done',
  '  echo "${WAIT_FOR} at ${host}:${WAIT_PORT} is up"',
  'done',
].join('\n');

/** The Argo CD annotation that orders the objects of an application into waves. */
const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** The apps each app waits for with `syncWaves`, by app scope. */
const WAVE_EDGES = new WeakMap<IConstruct, IConstruct[]>();
/** Every app that takes part in sync waves, waiting or waited for. */
const IN_WAVES = new WeakSet<IConstruct>();

/** An app's sync wave: 0 when it waits for no app with `syncWaves`, else one after the latest of those. */
function syncWave(scope: IConstruct): number {
  return Math.max(-1, ...(WAVE_EDGES.get(scope) ?? []).map(syncWave)) + 1;
}

/**
 * The annotations every object of the app carries: its Argo CD sync wave, when it takes part
 * in sync waves (decided by `startAfter()` calls up to synthesis; left out otherwise).
 */
export function syncWaveAnnotations(scope: IConstruct): { [key: string]: string } {
  return { [SYNC_WAVE_ANNOTATION]: Lazy.any({ produce: () => IN_WAVES.has(scope) ? String(syncWave(scope)) : undefined }) };
}

function dependsOn(from: IConstruct, target: IConstruct): boolean {
  return from.node.dependencies.some(dep => dep === target || dependsOn(dep, target));
}

/**
 * Makes `app`'s members wait, in an init container that runs before any other, until
 * `other` passes the check, admits them to `other`'s network policy on that port, and puts
 * `other`'s objects first in the YAML (the convention of `src/ground/waits.ts`; the
 * container's name has at most 9 + 52 characters).
 */
export function addStartAfter(app: AppContext, other: AppContext, otherPolicy: AppNetworkPolicy | undefined, options: StartAfterOptions): void {
  const problems = new Problems(app.scope.node.path, 'startAfter()');
  const target = other.identity;
  const portName = options.port ?? target.ports[0].name;
  const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT;
  const waitCheck = options.check ?? WaitCheck.tcp();
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
  checkDuration(problems, 'options.timeout', timeout, 1);
  waitCheck._check(problems, 'options.check', app.props.allowUnpinnedImages === true);
  problems.throwIfAny();

  app.scope.node.addDependency(other.scope);
  if (options.syncWaves) {
    WAVE_EDGES.set(app.scope, [...WAVE_EDGES.get(app.scope) ?? [], other.scope]);
    IN_WAVES.add(app.scope);
    IN_WAVES.add(other.scope);
  }
  const hosts = options.allMembers ? target.ordinals.map(o => target.podFqdn(o)) : [target.podFqdn(target.startOrdinal)];
  const wait = waitCheck._toWait();
  const env: { [name: string]: kplus.EnvValue } = {
    [WAIT_FOR_ENV]: kplus.EnvValue.fromValue(target.name),
    [WAIT_HOSTS_ENV]: kplus.EnvValue.fromValue(hosts.join(' ')),
    [WAIT_PORT_ENV]: kplus.EnvValue.fromValue(String(port!.number)),
    [WAIT_TIMEOUT_ENV]: kplus.EnvValue.fromValue(String(timeout.toSeconds())),
    ...(wait.path === undefined ? {} : { [WAIT_PATH_ENV]: kplus.EnvValue.fromValue(wait.path) }),
  };
  // A TCP or HTTP try is bounded by `timeout 3`; a command bounds its own tries.
  const check = wait.mode === 'command' ? wait.command! : ['timeout', '3', 'bash', '-c', wait.mode === 'http' ? HTTP_CHECK : TCP_CHECK];
  app.writer.addInitContainer({
    name: waitContainerName(target.name),
    image: wait.image ?? app.props.waitImage ?? DEFAULT_WAIT_IMAGE,
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    command: ['sh', '-c', WAIT_SCRIPT, 'wait', ...check],
    envVariables: env,
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
  otherPolicy?.admit({
    selectorLabels: app.identity.selectorLabels,
    namespaceSelector: app.identity.namespace === target.namespace ? undefined
      : app.identity.namespace === undefined ? {} : { matchLabels: { 'kubernetes.io/metadata.name': app.identity.namespace } },
    port: portName,
  });
}
