// Bad input tried as users would give it, one row per input, across the props and method
// arguments of the whole public API: the checks sit in many modules of src/ (each also has
// its own tests), and this table holds them to one contract. Every input must be refused,
// at construction, at the call or at synth time, with a line that names the property, the
// value and what is allowed.
import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  DisruptionBudget, Etcd, MemberProbe, OrderedStatefulApp, OrderedStatefulAppProps, PodSecurity, PrimaryReplicas,
  Quorum, QuorumProps, UnhealthyPodEvictionPolicy, UpdateStrategy, ZooKeeper,
} from '../../src';
import { emptyDir, errorOf, IMAGE, WEB_PORT, webProps } from '../app-fixtures';
import { newChart } from '../util';

/** One bad input: what the user does, and what the refusal must name. */
interface Row {
  readonly input: string;
  readonly act: () => unknown;
  readonly property: string;
  readonly allowed: string;
  readonly got: string;
}

/** An app `web` in a fresh chart, synthesized, with these props. */
function app(props: Partial<OrderedStatefulAppProps>): () => unknown {
  return () => {
    const chart = newChart();
    new OrderedStatefulApp(chart, 'web', webProps(props));
    return Testing.synth(chart);
  };
}

/** An app `web` whose main container has these props on top of the image and the port `web`. */
function main(container: Partial<kplus.ContainerProps>, props: Partial<OrderedStatefulAppProps> = {}): () => unknown {
  return app({ ...props, container: { image: IMAGE, ports: [WEB_PORT], ...container } });
}

/** An app `web` with one init container of these props. */
function init(container: Partial<kplus.ContainerProps>): () => unknown {
  return app({ initContainers: [{ image: 'busybox:1.36.1', ...container }] });
}

function row(input: string, act: () => unknown, property: string, allowed: string, got: string): Row {
  return { input, act, property, allowed, got };
}

const INT32 = 'must be an integer from 0 to 2147483647';
const POSITIVE_INT32 = 'must be an integer from 1 to 2147483647';
const IMAGE_REFERENCE = 'must be an image reference ([host[:port]/]path[:tag][@digest], with a lowercase path)';
const HEX64 = '0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31';

const IDENTITY: Row[] = [
  row('replicas -1', app({ replicas: -1 }), 'replicas', INT32, '-1'),
  row('replicas 1.5', app({ replicas: 1.5 }), 'replicas', INT32, '1.5'),
  row('replicas 2^31', app({ replicas: 2147483648 }), 'replicas', INT32, '2147483648'),
  row('replicas 1e21', app({ replicas: 1e21 }), 'replicas', INT32, '1e+21'),
  row('replicas NaN', app({ replicas: NaN }), 'replicas', INT32, 'NaN'),
  row('replicas Infinity', app({ replicas: Infinity }), 'replicas', INT32, 'Infinity'),
  row('replicas as a string', app({ replicas: '3' as unknown as number }), 'replicas', INT32, '\'3\''),
  row('startOrdinal -1', app({ startOrdinal: -1 }), 'startOrdinal', INT32, '-1'),
  row('startOrdinal 2^31', app({ startOrdinal: 2147483648 }), 'startOrdinal', INT32, '2147483648'),
  row('startOrdinal 1e21', app({ startOrdinal: 1e21 }), 'startOrdinal', INT32, '1e+21'),
  row('startOrdinal NaN', app({ startOrdinal: NaN }), 'startOrdinal', INT32, 'NaN'),
  row('a last ordinal beyond int32', app({ startOrdinal: 2147483647, replicas: 2 }), 'startOrdinal', 'reads ordinals up to 2147483647', '2147483647'),
  row('an uppercase name', app({ name: 'Web' }), 'name', 'must be a DNS-1123 label', '\'Web\''),
  row('a name with an underscore', app({ name: 'web_1' }), 'name', 'must be a DNS-1123 label', '\'web_1\''),
  row('a name of 53 characters', app({ name: 'a'.repeat(53) }), 'name', 'of at most 52 characters', `'${'a'.repeat(53)}'`),
  row('a Service name with a digit first', app({ serviceName: '1web' }), 'serviceName', 'must be a DNS-1035 label', '\'1web\''),
  row('a Service name with a dot', app({ serviceName: 'web.svc' }), 'serviceName', 'must be a DNS-1035 label', '\'web.svc\''),
  row('an uppercase namespace', app({ namespace: 'Prod' }), 'namespace', 'must be a DNS-1123 label', '\'Prod\''),
  row('an empty label in the cluster domain', app({ clusterDomain: 'cluster..local' }), 'clusterDomain', 'must be a DNS subdomain', '\'cluster..local\''),
  row('an unknown pod management policy', app({ podManagement: 'Sequential' as never }), 'podManagement', 'must be one of \'OrderedReady\', \'Parallel\'', '\'Sequential\''),
  row('an unknown Pod Security level', app({ podSecurity: 'privileged' as never }), 'podSecurity', 'must be one of \'restricted\', \'baseline\'', '\'privileged\''),
  row('a label key with a space', app({ labels: { 'bad key': 'x' } }), 'labels', 'keys must be an optional DNS subdomain prefix', '\'bad key\''),
  row('a label value starting with a dash', app({ labels: { tier: '-x' } }), 'labels.tier', 'alphanumeric at both ends', '\'-x\''),
];

const CONTAINERS: Row[] = [
  row('a main container name with capitals', main({ name: 'Web' }), 'container.name', 'a DNS-1123 label', '\'Web\''),
  row('a main container name with an underscore', main({ name: 'web_main' }), 'container.name', 'a DNS-1123 label', '\'web_main\''),
  row('a main container name of 64 characters', main({ name: 'a'.repeat(64) }), 'container.name', 'at most 63 are allowed', `'${'a'.repeat(64)}'`),
  row('an init container name with capitals', init({ name: 'Init' }), 'initContainers[0].name', 'a DNS-1123 label', '\'Init\''),
  row('an image with a trailing space', main({ image: 'nginx:1.25.5 ' }), 'container.image', IMAGE_REFERENCE, '\'nginx:1.25.5 \', which contains whitespace'),
  row('an image with a leading space', main({ image: ' nginx:1.25.5' }), 'container.image', IMAGE_REFERENCE, '\' nginx:1.25.5\', which contains whitespace'),
  row('an image with a newline', init({ image: 'busybox:1.36.1\n' }), 'initContainers[0].image', IMAGE_REFERENCE, '\'busybox:1.36.1\n\', which contains whitespace'),
  row('an uppercase repository', main({ image: 'Nginx:1.25.5' }), 'container.image', IMAGE_REFERENCE, '\'Nginx:1.25.5\', which has uppercase letters'),
  row('an uppercase path component', main({ image: 'library/Nginx:1.25.5' }), 'container.image', IMAGE_REFERENCE, '\'library/Nginx:1.25.5\', which has uppercase letters'),
  row('an uppercase repository, unpinned images allowed', main({ image: 'Nginx' }, { allowUnpinnedImages: true }), 'container.image', IMAGE_REFERENCE, '\'Nginx\''),
  row('a short digest', main({ image: 'nginx@sha256:abc' }), 'container.image', IMAGE_REFERENCE, '\'nginx@sha256:abc\', which has the malformed digest'),
  row('an uppercase digest', main({ image: `nginx@sha256:${HEX64.toUpperCase()}` }), 'container.image', 'sha256 takes 64 lowercase hex digits', `'nginx@sha256:${HEX64.toUpperCase()}'`),
  row('an unknown digest algorithm', main({ image: `nginx@md5:${HEX64.slice(0, 32)}` }), 'container.image', 'sha256:, sha384: or sha512:', `'nginx@md5:${HEX64.slice(0, 32)}'`),
  row('a digest without its algorithm', main({ image: `nginx@${HEX64}` }), 'container.image', 'has the malformed digest', `'nginx@${HEX64}'`),
  row('an empty tag', main({ image: 'nginx:' }), 'container.image', 'has the malformed tag', '\'nginx:\''),
  row('a tag starting with a dash', main({ image: 'nginx:-1' }), 'container.image', 'has the malformed tag', '\'nginx:-1\''),
  row('a tag of 129 characters', main({ image: `nginx:${'a'.repeat(129)}` }), 'container.image', 'at most 128', `'nginx:${'a'.repeat(129)}'`),
  row('an empty image', main({ image: '' }), 'container.image', IMAGE_REFERENCE, '\'\', which is empty'),
  row('an empty path component', main({ image: 'team//nginx:1.25.5' }), 'container.image', 'has the malformed repository path component', '\'team//nginx:1.25.5\''),
  row('a path component ending with a separator', main({ image: 'nginx-:1.25.5' }), 'container.image', 'has the malformed repository path component', '\'nginx-:1.25.5\''),
  row('a registry with an underscore', main({ image: 'my_registry.example/nginx:1.25.5' }), 'container.image', 'has the malformed registry', '\'my_registry.example/nginx:1.25.5\''),
  row('an untagged image', main({ image: 'registry.example:5000/nginx' }), 'container.image', 'must be pinned', '\'registry.example:5000/nginx\', which has no tag'),
  row('an env var name with a space', main({ envVariables: { 'MY VAR': kplus.EnvValue.fromValue('x') } }), 'container.envVariables', 'names must consist of letters', '\'MY VAR\''),
  row('an env var name starting with a digit', main({ envVariables: { '1VAR': kplus.EnvValue.fromValue('x') } }), 'container.envVariables', 'not start with a digit', '\'1VAR\''),
  row('an empty env var name', main({ envVariables: { '': kplus.EnvValue.fromValue('x') } }), 'container.envVariables', 'names must consist of letters', '\'\''),
  row('an env var name of two dots', main({ envVariables: { '..': kplus.EnvValue.fromValue('x') } }), 'container.envVariables', 'must not be \'.\' nor start with \'..\'', '\'..\''),
  row('an env var name with =', main({ envVariables: { 'A=B': kplus.EnvValue.fromValue('x') } }), 'container.envVariables', 'names must consist of letters', '\'A=B\''),
  row('an init container env var name with a space', init({ envVariables: { 'X Y': kplus.EnvValue.fromValue('x') } }), 'initContainers[0].envVariables', 'names must consist of letters', '\'X Y\''),
  row('an envFrom prefix with a space', () => {
    const chart = newChart();
    const source = kplus.ConfigMap.fromConfigMapName(chart, 'Settings', 'settings');
    return new OrderedStatefulApp(chart, 'web', webProps({ container: { image: IMAGE, ports: [WEB_PORT], envFrom: [kplus.Env.fromConfigMap(source, 'MY PREFIX')] } }));
  }, 'container.envFrom[0]', 'has a prefix that must consist of letters', '\'MY PREFIX\''),
  row('port number 0', main({ ports: [{ name: 'web', number: 0 }] }), 'container.ports[0].number', 'must be an integer from 1 to 65535', '0'),
  row('port number 65536', main({ ports: [{ name: 'web', number: 65536 }] }), 'container.ports[0].number', 'must be an integer from 1 to 65535', '65536'),
  row('port number 80.5', main({ ports: [{ name: 'web', number: 80.5 }] }), 'container.ports[0].number', 'must be an integer from 1 to 65535', '80.5'),
  row('port number NaN', main({ ports: [{ name: 'web', number: NaN }] }), 'container.ports[0].number', 'must be an integer from 1 to 65535', 'NaN'),
  row('an uppercase port name', main({ ports: [{ name: 'Web', number: 80 }] }), 'container.ports[0].name', 'IANA_SVC_NAME', '\'Web\''),
  row('a port name of 16 characters', main({ ports: [{ name: 'a'.repeat(16), number: 80 }] }), 'container.ports[0].name', 'at most 15', `'${'a'.repeat(16)}'`),
  row('an unknown protocol', main({ ports: [{ name: 'web', number: 80, protocol: 'HTTP' as never }] }), 'container.ports[0].protocol', 'must be TCP, UDP or SCTP', '\'HTTP\''),
  row('a host port', main({ ports: [{ name: 'web', number: 80, hostPort: 8080 }] }), 'container.ports[0].hostPort', 'refuse host ports', '8080'),
  row('an init container port beyond 65535', init({ ports: [{ number: 70000 }] }), 'initContainers[0].ports[0].number', 'must be an integer from 1 to 65535', '70000'),
  row('a negative CPU request', main({ resources: { cpu: { request: kplus.Cpu.millis(-5) } } }), 'container.resources.cpu.request', 'a CPU amount >= 0', '\'-5m\''),
  row('a CPU limit of NaN', main({ resources: { cpu: { limit: kplus.Cpu.units(NaN) } } }), 'container.resources.cpu.limit', 'a CPU amount >= 0', '\'NaN\''),
  row('a CPU request of 1e21 millis', main({ resources: { cpu: { request: kplus.Cpu.millis(1e21) } } }), 'container.resources.cpu.request', 'a CPU amount >= 0', '\'1e+21m\''),
  row('a CPU request above its limit', main({ resources: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.millis(500) } } }), 'container.resources.cpu.request', 'must be at most the limit (\'500m\')', '\'2\''),
  row('a CPU limit of 0', main({ resources: { cpu: { limit: kplus.Cpu.millis(0) } } }), 'container.resources.cpu.limit', 'must be more than 0', '\'0m\''),
  row('a memory request of half a MiB', main({ resources: { memory: { request: Size.kibibytes(512) } } }), 'container.resources.memory.request', 'a whole number of MiB', '0.5 MiB'),
  row('a memory limit of 0', main({ resources: { memory: { limit: Size.mebibytes(0) } } }), 'container.resources.memory.limit', 'must be more than 0', '0 MiB'),
  row('a memory request above its limit', main({ resources: { memory: { request: Size.gibibytes(1), limit: Size.mebibytes(512) } } }), 'container.resources.memory.request', 'must be at most the limit (512 MiB)', '1024 MiB'),
  row('a memory limit of 1e21 PiB', main({ resources: { memory: { limit: Size.pebibyte(1e21) } } }), 'container.resources.memory.limit', 'a whole number of MiB', '1.073741824e+30 MiB'),
  row('an ephemeral storage request of half a GiB', main({ resources: { ephemeralStorage: { request: Size.mebibytes(512) } } }), 'container.resources.ephemeralStorage.request', 'a whole number of GiB', '0.5 GiB'),
  row('an ephemeral storage request above its limit', main({ resources: { ephemeralStorage: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } } }), 'container.resources.ephemeralStorage.request', 'must be at most the limit (1 GiB)', '2 GiB'),
  row('a user id beyond int32', main({ securityContext: { user: 2147483648 } }), 'container.securityContext.user', INT32, '2147483648'),
  row('a negative user id', main({ securityContext: { user: -1 } }), 'container.securityContext.user', INT32, '-1'),
  row('a group id of 1.5', init({ securityContext: { group: 1.5 } }), 'initContainers[0].securityContext.group', INT32, '1.5'),
  row('root with ensureNonRoot under baseline', main({ securityContext: { user: 0, ensureNonRoot: true } }, { podSecurity: PodSecurity.BASELINE }), 'container.securityContext.user', 'must not be 0 while \'ensureNonRoot\' is true', '0'),
  row('root under restricted', main({ securityContext: { user: 0 } }), 'container.securityContext.user', 'must not be 0 (root)', '0'),
  row('a readiness probe on an init container', init({ readiness: kplus.Probe.fromCommand(['true']) }), 'initContainers[0].readiness', 'cannot be set on an init container', 'a probe'),
  row('a liveness probe on an init container', init({ liveness: kplus.Probe.fromCommand(['true']) }), 'initContainers[0].liveness', 'cannot be set on an init container', 'a probe'),
  row('lifecycle hooks on an init container', init({ lifecycle: { preStop: kplus.Handler.fromCommand(['true']) } }), 'initContainers[0].lifecycle', 'cannot be set on an init container', 'lifecycle hooks'),
  row('a postStart hook with an empty command', main({ lifecycle: { postStart: kplus.Handler.fromCommand([]) } }), 'container.lifecycle.postStart', 'must run a command', '[]'),
  row('a preStop hook with an empty path', main({ lifecycle: { preStop: kplus.Handler.fromHttpGet('', { port: 8080 }) } }), 'container.lifecycle.preStop', 'must request a path', '\'\''),
  row('a preStop hook without a port', main({ lifecycle: { preStop: kplus.Handler.fromTcpSocket() } }), 'container.lifecycle.preStop', 'must give a \'port\' from 1 to 65535', 'none or 0'),
];

const PROBES: Row[] = [
  row('a timeout of half a second', app({ readiness: MemberProbe.tcp({ timeout: Duration.millis(500) }) }), 'readiness.timeout', 'must be a whole number of seconds', '0.5 seconds'),
  row('a timeout of 0', app({ readiness: MemberProbe.tcp({ timeout: Duration.seconds(0) }) }), 'readiness.timeout', 'must be from 1 to 2147483647 seconds', '0 seconds'),
  row('a period of 0', app({ liveness: MemberProbe.tcp({ period: Duration.seconds(0) }) }), 'liveness.period', 'must be from 1 to 2147483647 seconds', '0 seconds'),
  row('a period of 1.5 seconds', app({ liveness: MemberProbe.tcp({ period: Duration.millis(1500) }) }), 'liveness.period', 'must be a whole number of seconds', '1.5 seconds'),
  row('an initial delay beyond int32', app({ startup: MemberProbe.tcp({ initialDelay: Duration.seconds(2147483648) }) }), 'startup.initialDelay', 'must be from 0 to 2147483647 seconds', '2147483648 seconds'),
  row('an initial delay of NaN seconds', app({ startup: MemberProbe.tcp({ initialDelay: Duration.seconds(NaN) }) }), 'startup.initialDelay', 'must be a whole number of seconds', 'NaN seconds'),
  row('a failure threshold of -1', app({ liveness: MemberProbe.tcp({ failureThreshold: -1 }) }), 'liveness.failureThreshold', POSITIVE_INT32, '-1'),
  row('a failure threshold of 1.5', app({ liveness: MemberProbe.tcp({ failureThreshold: 1.5 }) }), 'liveness.failureThreshold', POSITIVE_INT32, '1.5'),
  row('a failure threshold of 0', app({ readiness: MemberProbe.http('/ready', { failureThreshold: 0 }) }), 'readiness.failureThreshold', POSITIVE_INT32, '0'),
  row('a failure threshold beyond int32', app({ startup: MemberProbe.command(['true'], { failureThreshold: 2147483648 }) }), 'startup.failureThreshold', POSITIVE_INT32, '2147483648'),
  row('a failure threshold of NaN', app({ readiness: MemberProbe.tcp({ failureThreshold: NaN }) }), 'readiness.failureThreshold', POSITIVE_INT32, 'NaN'),
  row('an empty probe command', app({ readiness: MemberProbe.command([]) }), 'readiness', 'must run a command', '[]'),
  row('an empty probe path', app({ readiness: MemberProbe.http('') }), 'readiness', 'must request a path', '\'\''),
  row('an unknown probe scheme', app({ readiness: MemberProbe.http('/', { scheme: 'FTP' as never }) }), 'readiness.scheme', 'must be HTTP or HTTPS', '\'FTP\''),
  row('a probe on an undeclared port', app({ readiness: MemberProbe.tcp({ port: 'admin' }) }), 'readiness', 'must probe a port the main container declares (\'web\')', '\'admin\''),
  row('a cdk8s-plus probe with a timeout of half a second', main({ readiness: kplus.Probe.fromTcpSocket({ port: 8080, timeoutSeconds: Duration.millis(500) }) }), 'container.readiness', 'as cdk8s Durations of whole seconds', '\'500 millis\''),
  row('a cdk8s-plus probe with a period of 1.5 seconds', main({ readiness: kplus.Probe.fromTcpSocket({ port: 8080, periodSeconds: Duration.seconds(1.5) }) }),
    'container.readiness', 'as cdk8s Durations of whole seconds', '\'1.5 seconds\''),
  row('a cdk8s-plus probe with a period of 0', main({ readiness: kplus.Probe.fromTcpSocket({ port: 8080, periodSeconds: Duration.seconds(0) }) }), 'container.readiness.periodSeconds', POSITIVE_INT32, '0'),
  row('a cdk8s-plus probe with an initial delay beyond int32', main({ liveness: kplus.Probe.fromTcpSocket({ port: 8080, initialDelaySeconds: Duration.seconds(2147483648) }) }), 'container.liveness.initialDelaySeconds', INT32, '2147483648'),
  row('a cdk8s-plus probe with a failure threshold of -1', main({ readiness: kplus.Probe.fromTcpSocket({ port: 8080, failureThreshold: -1 }) }), 'container.readiness.failureThreshold', POSITIVE_INT32, '-1'),
  row('a cdk8s-plus probe with a success threshold of 0', main({ readiness: kplus.Probe.fromTcpSocket({ port: 8080, successThreshold: 0 }) }), 'container.readiness.successThreshold', POSITIVE_INT32, '0'),
  row('a cdk8s-plus liveness probe with a success threshold of 2', main({ liveness: kplus.Probe.fromTcpSocket({ port: 8080, successThreshold: 2 }) }), 'container.liveness.successThreshold', 'must be 1 for a liveness probe', '2'),
  row('a cdk8s-plus startup probe with a success threshold of 3', main({ startup: kplus.Probe.fromCommand(['true'], { successThreshold: 3 }) }), 'container.startup.successThreshold', 'must be 1 for a startup probe', '3'),
  row('a cdk8s-plus probe without a port', main({ readiness: kplus.Probe.fromTcpSocket() }), 'container.readiness', 'must give a \'port\' from 1 to 65535', 'none or 0'),
  row('a cdk8s-plus probe on port 70000', main({ readiness: kplus.Probe.fromHttpGet('/', { port: 70000 }) }), 'container.readiness.port', 'must be an integer from 1 to 65535', '70000'),
  row('a cdk8s-plus probe with an empty path', main({ readiness: kplus.Probe.fromHttpGet('', { port: 8080 }) }), 'container.readiness', 'must request a path', '\'\''),
  row('a cdk8s-plus probe with an empty command', main({ startup: kplus.Probe.fromCommand([]) }), 'container.startup', 'must run a command', '[]'),
];

const PARTS: Row[] = [
  row('minReady of 1.5 seconds', app({ rollout: { minReady: Duration.millis(1500) } }), 'rollout.minReady', 'must be a whole number of seconds', '1.5 seconds'),
  row('minReady beyond int32', app({ rollout: { minReady: Duration.seconds(2147483648) } }), 'rollout.minReady', 'must be from 0 to 2147483647 seconds', '2147483648 seconds'),
  row('revisionHistoryLimit -1', app({ rollout: { revisionHistoryLimit: -1 } }), 'rollout.revisionHistoryLimit', INT32, '-1'),
  row('revisionHistoryLimit 2^31', app({ rollout: { revisionHistoryLimit: 2147483648 } }), 'rollout.revisionHistoryLimit', INT32, '2147483648'),
  row('revisionHistoryLimit 1.5', app({ rollout: { revisionHistoryLimit: 1.5 } }), 'rollout.revisionHistoryLimit', INT32, '1.5'),
  row('partition -1', app({ rollout: { strategy: UpdateStrategy.rollingUpdate({ partition: -1 }) } }), 'rollout.strategy.partition', INT32, '-1'),
  row('partition 1e21', app({ rollout: { strategy: UpdateStrategy.rollingUpdate({ partition: 1e21 }) } }), 'rollout.strategy.partition', INT32, '1e+21'),
  row('partition NaN', app({ rollout: { strategy: UpdateStrategy.rollingUpdate({ partition: NaN }) } }), 'rollout.strategy.partition', INT32, 'NaN'),
  row('maxUnavailable -1', app({ disruptionBudget: DisruptionBudget.maxUnavailable(-1) }), 'disruptionBudget.maxUnavailable', INT32, '-1'),
  row('maxUnavailable 2^31', app({ disruptionBudget: DisruptionBudget.maxUnavailable(2147483648) }), 'disruptionBudget.maxUnavailable', INT32, '2147483648'),
  row('maxUnavailable Infinity', app({ disruptionBudget: DisruptionBudget.maxUnavailable(Infinity) }), 'disruptionBudget.maxUnavailable', INT32, 'Infinity'),
  row('minAvailable 1.5', app({ disruptionBudget: DisruptionBudget.minAvailable(1.5) }), 'disruptionBudget.minAvailable', INT32, '1.5'),
  row('minAvailable above the members', app({ replicas: 3, disruptionBudget: DisruptionBudget.minAvailable(4) }), 'disruptionBudget.minAvailable', 'must be at most the number of members (3)', '4'),
  row('an unknown eviction policy', app({ disruptionBudget: DisruptionBudget.maxUnavailable(1, { unhealthyPodEvictionPolicy: 'Never' as UnhealthyPodEvictionPolicy }) }),
    'disruptionBudget.unhealthyPodEvictionPolicy', 'must be one of \'IfHealthyBudget\', \'AlwaysAllow\'', '\'Never\''),
  row('a quorum of NaN', () => new OrderedStatefulApp(newChart(), 'web', webProps({ replicas: 3 })).protectQuorum(NaN), 'quorumSize', 'must be an integer from 1 to the number of members (3)', 'NaN'),
  row('a quorum of 0', () => new OrderedStatefulApp(newChart(), 'web', webProps({ replicas: 3 })).protectQuorum(0), 'quorumSize', 'must be an integer from 1 to the number of members (3)', '0'),
  row('a StorageClass with an underscore', claim({ storageClassName: 'Fast_SSD' }), 'storage.claims[0].storageClassName', 'must be the name of a StorageClass', '\'Fast_SSD\''),
  row('an uppercase StorageClass', claim({ storageClassName: 'Fast-SSD' }), 'storage.claims[0].storageClassName', 'a DNS subdomain', '\'Fast-SSD\''),
  row('a StorageClass with a space', claim({ storageClassName: 'fast ssd' }), 'storage.claims[0].storageClassName', 'a DNS subdomain', '\'fast ssd\''),
  row('a StorageClass starting with a dash', claim({ storageClassName: '-fast' }), 'storage.claims[0].storageClassName', 'a DNS subdomain', '\'-fast\''),
  row('a size of half a KiB', claim({ size: Size.kibibytes(0.5) }), 'storage.claims[0].size', 'must be a positive whole number of KiB below 8 EiB', '0.5 KiB'),
  row('a size of 0', claim({ size: Size.gibibytes(0) }), 'storage.claims[0].size', 'must be a positive whole number of KiB below 8 EiB', '0 KiB'),
  row('a size of 1e21 PiB', claim({ size: Size.pebibyte(1e21) }), 'storage.claims[0].size', 'must be a positive whole number of KiB below 8 EiB', '1.099511627776e+33 KiB'),
  row('a size of 8 EiB', claim({ size: Size.pebibyte(8192) }), 'storage.claims[0].size', 'below 8 EiB', '9007199254740992 KiB'),
  row('no access mode', claim({ accessModes: [] }), 'storage.claims[0].accessModes', 'must list at least one access mode', '[]'),
  row('an access mode twice', claim({ accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE, kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] }),
    'storage.claims[0].accessModes[1]', 'must list each access mode once', '\'ReadWriteOnce\' twice'),
  row('ReadWriteOncePod with another mode', claim({ accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD, kplus.PersistentVolumeAccessMode.READ_ONLY_MANY] }),
    'storage.claims[0].accessModes', 'must not list ReadWriteOncePod with other access modes', '["ReadWriteOncePod","ReadOnlyMany"]'),
  row('an unknown access mode', claim({ accessModes: ['ReadWriteSometimes' as kplus.PersistentVolumeAccessMode] }), 'storage.claims[0].accessModes[0]', 'must be one of', '\'ReadWriteSometimes\''),
  row('an unknown volume mode', claim({ volumeMode: 'Raw' as kplus.PersistentVolumeMode }), 'storage.claims[0].volumeMode', 'must be one of \'Filesystem\', \'Block\'', '\'Raw\''),
  row('an uppercase claim name', claim({ name: 'Data' }), 'storage.claims[0].name', 'must be a DNS-1123 label', '\'Data\''),
  row('a relative mount path', claim({ mountPath: 'data' }), 'storage.claims[0].mountPath', 'must be an absolute path', '\'data\''),
  row('fsGroup 0', storage({ fsGroup: 0 }), 'storage.fsGroup', 'must be an integer from 1 to 2147483647 (0 is the root group)', '0'),
  row('fsGroup 2^31', storage({ fsGroup: 2147483648 }), 'storage.fsGroup', 'must be an integer from 1 to 2147483647', '2147483648'),
  row('fsGroup 1.5', storage({ fsGroup: 1.5 }), 'storage.fsGroup', 'must be an integer from 1 to 2147483647', '1.5'),
  row('an unknown retention on delete', storage({ whenDeleted: 'Keep' as never }), 'storage.whenDeleted', 'must be one of \'Retain\', \'Delete\'', '\'Keep\''),
  row('an unknown retention on scale-down', storage({ whenScaled: 'Remove' as never }), 'storage.whenScaled', 'must be one of \'Retain\', \'Delete\'', '\'Remove\''),
  row('an unknown fsGroup change policy', storage({ fsGroupChangePolicy: 'Sometimes' as never }), 'storage.fsGroupChangePolicy', 'must be one of', '\'Sometimes\''),
  row('an uppercase client Service name', app({ clientService: { name: 'Web' } }), 'clientService.name', 'must be a DNS-1035 label', '\'Web\''),
  row('a client Service name with a digit first', app({ clientService: { name: '1web' } }), 'clientService.name', 'must be a DNS-1035 label', '\'1web\''),
  row('an ExternalName client Service', app({ clientService: { type: kplus.ServiceType.EXTERNAL_NAME } }), 'clientService.type', 'must be CLUSTER_IP, NODE_PORT or LOAD_BALANCER', '\'ExternalName\''),
  row('an unknown client Service type', app({ clientService: { type: 'Headless' as never } }), 'clientService.type', 'must be CLUSTER_IP, NODE_PORT or LOAD_BALANCER', '\'Headless\''),
  row('a client Service on an undeclared port', app({ clientService: { ports: ['admin'] } }), 'clientService.ports[0]', 'must name ports of the main container', '\'admin\''),
  row('a client Service without ports', app({ clientService: { ports: [] } }), 'clientService.ports', 'must name at least one port', '[]'),
  row('a client Service naming a port twice', app({ clientService: { ports: ['web', 'web'] } }), 'clientService.ports[1]', 'must not name a port twice', '\'web\' twice'),
  row('a client Service named like the headless one', app({ clientService: { name: 'web-headless' } }), 'clientService.name', 'must differ from the name of every other Service of the app', '\'web-headless\''),
  row('an uppercase pod Service suffix', app({ podServices: { suffix: 'Ext' } }), 'podServices.suffix', 'must be a DNS-1123 label', '\'Ext\''),
  row('an unknown pod Service type', app({ podServices: { type: 'Bogus' as never } }), 'podServices.type', 'must be CLUSTER_IP, NODE_PORT or LOAD_BALANCER', '\'Bogus\''),
  row('pod Services on an undeclared port', app({ podServices: { ports: ['admin'] } }), 'podServices.ports[0]', 'must name ports of the main container', '\'admin\''),
  row('a network policy on an undeclared peer port', app({ networkPolicy: { peerPorts: ['admin'] } }), 'networkPolicy.peerPorts[0]', 'must name ports of the main container', '\'admin\''),
  row('a network policy without peer ports', app({ networkPolicy: { peerPorts: [] } }), 'networkPolicy.peerPorts', 'must name at least one port', '[]'),
  row('a client pod label key with a space', app({ networkPolicy: { clientPodLabels: { 'bad key': 'x' } } }), 'networkPolicy.clientPodLabels', 'must hold valid label keys and values', '\'bad key\''),
  row('a client namespace label value with a dash first', app({ networkPolicy: { clientNamespaceLabels: { team: '-x' } } }), 'networkPolicy.clientNamespaceLabels', 'must hold valid label keys and values', '\'team\': \'-x\''),
  row('an unknown node spreading', app({ spreading: { acrossNodes: 'always' as never } }), 'spreading.acrossNodes', 'must be one of \'none\', \'preferred\', \'required\'', '\'always\''),
  row('an unknown zone spreading', app({ spreading: { acrossZones: 'sometimes' as never } }), 'spreading.acrossZones', 'must be one of', '\'sometimes\''),
  row('a start-after port that is not declared', startAfter({ port: 'admin' }), 'options.port', 'must name a port of \'db\'', '\'admin\''),
  row('a start-after timeout of half a second', startAfter({ timeout: Duration.millis(500) }), 'options.timeout', 'must be a whole number of seconds', '0.5 seconds'),
];

function claim(overrides: object, container: Partial<kplus.ContainerProps> = {}): () => unknown {
  return main(container, { storage: { claims: [{ name: 'data', size: Size.gibibytes(1), mountPath: '/data', ...overrides }] } });
}

function storage(overrides: object): () => unknown {
  return app({ storage: { claims: [{ name: 'data', size: Size.gibibytes(1), mountPath: '/data' }], ...overrides } });
}

function startAfter(options: object): () => unknown {
  return () => {
    const chart = newChart();
    const db = new OrderedStatefulApp(chart, 'db', { container: { image: 'registry.k8s.io/etcd:3.5.9-0', ports: [{ name: 'client', number: 2379 }] } });
    new OrderedStatefulApp(chart, 'web', webProps()).startAfter(db, options);
  };
}

const ZK_PORTS = [{ name: 'client', number: 2181 }, { name: 'quorum', number: 2888 }, { name: 'election', number: 3888 }];

function quorum(props: QuorumProps, replicas = 3): () => Quorum {
  return () => {
    const zk = new OrderedStatefulApp(newChart(), 'zk', { replicas, configMountPath: '/conf', container: { image: 'zookeeper:3.8.4', ports: ZK_PORTS } });
    return new Quorum(zk, 'Quorum', props);
  };
}

function primaryReplicas(props: object, extra: Partial<OrderedStatefulAppProps> = {}): () => unknown {
  return () => {
    const chart = newChart();
    const db = new OrderedStatefulApp(chart, 'db', {
      replicas: 2, configMountPath: '/etc/db', container: { image: 'mysql:8.0.36', ports: [{ name: 'mysql', number: 3306 }] }, ...extra,
    });
    new PrimaryReplicas(db, 'Topology', props);
    return Testing.synth(chart);
  };
}

const PRESETS: Row[] = [
  row('a negative id offset', quorum({ idOffset: -1 }), 'idOffset', INT32, '-1'),
  row('an id offset of 1.5', quorum({ idOffset: 1.5 }), 'idOffset', INT32, '1.5'),
  row('an id offset that makes ids beyond int32', quorum({ idOffset: 2147483647 }), 'idOffset', 'member ids are int32', '2147483647'),
  row('an id file with a slash', quorum({ idFile: 'a/b' }), 'idFile', 'must have only letters, digits', '\'a/b\''),
  row('an even ensemble', quorum({}, 4), 'replicas', 'of the app must be odd', '4'),
  row('an ensemble without members', quorum({}, 0), 'replicas', 'of the app must be at least 1 for a quorum', '0'),
  row('the same ZooKeeper port twice', () => ZooKeeper.serverLines(quorum({})(), 'quorum', 'quorum'), 'electionPort', 'must name another port than \'quorumPort\'', 'port 2888 for both'),
  row('the same ZooKeeper port twice, deprecated form', () => quorum({})().serverLines('election', 'election'), 'electionPort', 'must name another port than \'quorumPort\'', 'port 3888 for both'),
  row('an etcd scheme other than http(s)', () => Etcd.initialCluster(quorum({})().app, 'client', 'ftp'), 'scheme', 'must be \'http\' or \'https\'', '\'ftp\''),
  row('an uppercase primary Service name', primaryReplicas({ primaryServiceName: 'Primary' }), 'primaryServiceName', 'must be a DNS-1035 label', '\'Primary\''),
  row('a read Service named like the primary one', primaryReplicas({ readServiceName: 'db-primary' }), 'readServiceName', 'must differ from \'primaryServiceName\'', '\'db-primary\''),
  row('a primary Service named like the headless one', primaryReplicas({ primaryServiceName: 'db-headless' }), 'primaryServiceName', 'must differ from the headless Service\'s name', '\'db-headless\''),
  row('a port named twice for the primary', primaryReplicas({ ports: ['mysql', 'mysql'] }), 'ports[1]', 'must not name a port twice', '\'mysql\' twice'),
  row('an undeclared port for the primary', primaryReplicas({ ports: ['admin'] }), 'ports[0]', 'must name ports of the main container', '\'admin\''),
  row('no port for the primary', primaryReplicas({ ports: [] }), 'ports', 'must name at least one port', '[]'),
  row('a role file with a slash', primaryReplicas({ roleFile: 'x/y' }), 'roleFile', 'must have only letters, digits', '\'x/y\''),
];

/** Two things in one cdk8s app, synthesized together. */
function together(build: (first: Chart, second: Chart) => void, namespaces: [string?, string?] = ['prod', 'prod']): () => unknown {
  return () => {
    const cdk8sApp = Testing.app();
    const first = new Chart(cdk8sApp, 'first', { namespace: namespaces[0] });
    const second = new Chart(cdk8sApp, 'second', { namespace: namespaces[1] });
    build(first, second);
    return cdk8sApp.synthYaml();
  };
}

const DB = { image: 'mysql:8.0.36', ports: [{ name: 'mysql', number: 3306 }] };

const COLLISIONS: Row[] = [
  row('two apps named db in one chart', together(chart => {
    new OrderedStatefulApp(chart, 'db', { container: DB });
    new OrderedStatefulApp(chart, 'db2', { name: 'db', container: DB });
  }), 'name', 'must be unique per kind and namespace in the whole cdk8s app', '\'db\' for StatefulSet \'first/db2/StatefulSet\' and StatefulSet \'first/db/StatefulSet\''),
  row('two apps named db in two charts', together((first, second) => {
    new OrderedStatefulApp(first, 'db', { container: DB });
    new OrderedStatefulApp(second, 'db', { container: DB });
  }), 'serviceName', 'must be unique per kind and namespace', '\'db-headless\' for Service \'second/db/HeadlessService\' and Service \'first/db/HeadlessService\''),
  row('a client Service named like another app\'s headless Service', together((first, second) => {
    new OrderedStatefulApp(first, 'db', { container: DB });
    new OrderedStatefulApp(second, 'web', webProps({ clientService: { name: 'db-headless' } }));
  }), 'clientService.name', 'must be unique per kind and namespace', '\'db-headless\' for Service \'second/web/ClientService\' and Service \'first/db/HeadlessService\''),
  row('a primary Service named like a client Service', together(chart => {
    const db = new OrderedStatefulApp(chart, 'db', { replicas: 2, configMountPath: '/etc/db', container: DB, clientService: { name: 'db-primary' } });
    new PrimaryReplicas(db, 'Topology');
  }), 'primaryServiceName', 'must be unique per kind and namespace', '\'db-primary\' for Service \'first/db/Topology/PrimaryService\' and Service \'first/db/ClientService\''),
  row('a user ConfigMap named like the app\'s config', together(chart => {
    new kplus.ConfigMap(chart, 'Settings', { metadata: { name: 'web-config' } });
    new OrderedStatefulApp(chart, 'web', webProps({ configMountPath: '/etc/web' })).addSharedFile('a.conf', 'x');
  }), 'name', 'must be unique per kind and namespace', '\'web-config\''),
  row('a user Service in another chart of the same namespace', together((first, second) => {
    new OrderedStatefulApp(first, 'web', webProps());
    new kplus.Service(second, 'Other', { metadata: { name: 'web-headless' }, ports: [{ port: 80 }] });
  }), 'serviceName', 'must be unique per kind and namespace', '\'web-headless\' for Service \'first/web/HeadlessService\' and Service \'second/Other\', both in namespace \'prod\''),
  row('two apps named db without a namespace', together((first, second) => {
    new OrderedStatefulApp(first, 'db', { container: DB });
    new OrderedStatefulApp(second, 'db', { container: DB });
  }, [undefined, undefined]), 'serviceName', 'must be unique per kind and namespace',
  '\'db-headless\' for Service \'second/db/HeadlessService\' and Service \'first/db/HeadlessService\', both without a namespace'),
];

/** An app `web` with its config at `configMountPath` and one shared file, synthesized. */
function configAt(configMountPath: string, extra: (app: OrderedStatefulApp) => void = () => undefined,
  props: Partial<OrderedStatefulAppProps> = {}): () => unknown {
  return changed(web => {
    web.addSharedFile('app.conf', 'x');
    extra(web);
  }, { configMountPath, ...props });
}

/** An app `web` with a sidecar whose container has these props, synthesized. */
function sidecar(container: Partial<kplus.ContainerProps>): () => unknown {
  return changed(web => web.addSidecar({ name: 'exporter', image: 'prom/statsd-exporter:v0.26.1', ...container }));
}

/** An app `web` whose main container gets a mount through cdk8s-plus after construction, synthesized. */
function mountedLater(path: string, props: Partial<OrderedStatefulAppProps> = {}): () => unknown {
  return changed(web => web.mainContainer.mount(path, kplus.Volume.fromEmptyDir(web, 'Cache', 'cache')), props);
}

const ROOT = 'must not be the root directory \'/\', which the volume would hide';
const ABSOLUTE = 'must be an absolute path without \'..\' and \':\'';
const OWN_DIRECTORY = 'must differ from the path of every other mount of the container';

const MOUNTS: Row[] = [
  row('the config mounted over the root directory', app({ configMountPath: '/' }), 'configMountPath', ROOT, '\'/\''),
  row('the config mounted over the root directory, spelled //', app({ configMountPath: '//' }), 'configMountPath', ROOT, '\'//\''),
  row('a config directory with a colon', app({ configMountPath: '/etc:web' }), 'configMountPath', ABSOLUTE, '\'/etc:web\''),
  row('a relative config directory', app({ configMountPath: 'etc/web' }), 'configMountPath', ABSOLUTE, '\'etc/web\''),
  row('a claim mounted over the root directory', claim({ mountPath: '/' }), 'storage.claims[0].mountPath', ROOT, '\'/\''),
  row('a claim mounted with a colon', claim({ mountPath: '/data:rw' }), 'storage.claims[0].mountPath', ABSOLUTE, '\'/data:rw\''),
  row('a second claim at the first one\'s directory with a trailing slash', app({
    storage: { claims: [{ name: 'data', size: Size.gibibytes(1), mountPath: '/data' }, { name: 'logs', size: Size.gibibytes(1), mountPath: '/data/' }] },
  }), 'storage.claims[1].mountPath', 'must not be used by another mount of the main container', '\'/data/\', which storage.claims[0] uses'),
  row('a claim at a container mount\'s directory with a dot segment', claim({ mountPath: '/tmp/.' }, { volumeMounts: [{ path: '/tmp', volume: emptyDir('tmp') }] }),
    'storage.claims[0].mountPath', 'must not be used by another mount of the main container', '\'/tmp/.\', which container.volumeMounts[0] uses'),
  row('a file mounted over the root directory', configAt('/etc/web', web => web.mountFile('app.conf', '/')), 'mountFile.path', ROOT, '\'/\''),
  row('the config directory at a claim\'s directory with a trailing slash', configAt('/data/', () => undefined, {
    storage: { claims: [{ name: 'data', size: Size.gibibytes(1), mountPath: '/data' }] },
  }), 'configMountPath', 'must not be, contain or lie under another mount of the main container', '\'/data/\', which overlaps \'/data\' (claim \'data\')'),
  row('a main container mount over the root directory', main({ volumeMounts: [{ path: '/', volume: emptyDir('root') }] }), 'container.volumeMounts[0].path', ROOT, '\'/\''),
  row('a main container mount with a relative path', main({ volumeMounts: [{ path: 'tmp', volume: emptyDir('tmp') }] }), 'container.volumeMounts[0].path', ABSOLUTE, '\'tmp\''),
  row('two main container mounts at one directory', main({ volumeMounts: [{ path: '/tmp', volume: emptyDir('a') }, { path: '/tmp/', volume: emptyDir('b') }] }),
    'container.volumeMounts[1].path', OWN_DIRECTORY, '\'/tmp/\', the directory of container.volumeMounts[0] (\'/tmp\')'),
  row('two init container mounts at one directory, spelled with //', init({ volumeMounts: [{ path: '/work', volume: emptyDir('a') }, { path: '//work', volume: emptyDir('b') }] }),
    'initContainers[0].volumeMounts[1].path', OWN_DIRECTORY, '\'//work\', the directory of initContainers[0].volumeMounts[0] (\'/work\')'),
  row('a sidecar mount over the root directory', sidecar({ volumeMounts: [{ path: '/', volume: emptyDir('root') }] }), 'container.volumeMounts[0].path', ROOT, '\'/\''),
  row('a mount added through cdk8s-plus over the root directory', mountedLater('/'), 'statefulSet.containers[0].volumeMounts[0].path', ROOT, '\'/\' for the volume \'cache\''),
  row('a mount added through cdk8s-plus at a claim\'s directory', mountedLater('/data/', { storage: { claims: [{ name: 'data', size: Size.gibibytes(1), mountPath: '/data' }] } }),
    'storage.claims[0].mountPath', OWN_DIRECTORY, '\'/data\' for the volume \'data\', the directory of statefulSet.containers[0].volumeMounts[0].path (\'/data/\')'),
];

/** An app `web` in a fresh chart that `change` alters after construction (its methods, cdk8s-plus), synthesized. */
function changed(change: (app: OrderedStatefulApp) => void, props: Partial<OrderedStatefulAppProps> = {}): () => unknown {
  return () => {
    const chart = newChart();
    change(new OrderedStatefulApp(chart, 'web', webProps(props)));
    return Testing.synth(chart);
  };
}

const TWO_CLAIMS = { name: 'data', size: Size.gibibytes(1), mountPath: '/data' };

// A problem with one element of a list names that element by its index.
const LIST_ELEMENTS: Row[] = [
  row('a second claim named like the first', app({ storage: { claims: [TWO_CLAIMS, { ...TWO_CLAIMS, mountPath: '/logs' }] } }), 'storage.claims[1].name', 'must be unique', '\'data\' twice'),
  row('a second claim with an uppercase name', app({ storage: { claims: [TWO_CLAIMS, { ...TWO_CLAIMS, name: 'Logs', mountPath: '/logs' }] } }), 'storage.claims[1].name', 'must be a DNS-1123 label', '\'Logs\''),
  row('a second claim at the first one\'s path', app({ storage: { claims: [TWO_CLAIMS, { ...TWO_CLAIMS, name: 'logs' }] } }), 'storage.claims[1].mountPath', 'must not be used by another mount', '\'/data\', which storage.claims[0] uses'),
  row('a third init container with capitals', app({ initContainers: [{ image: 'busybox:1.36.1' }, { image: 'busybox:1.36.1' }, { name: 'Init', image: 'busybox:1.36.1' }] }),
    'initContainers[2].name', 'a DNS-1123 label', '\'Init\''),
  row('a second init container with an unpinned image', app({ initContainers: [{ image: 'busybox:1.36.1' }, { image: 'busybox' }] }), 'initContainers[1].image', 'must be pinned', '\'busybox\''),
  row('a second port named like the first', main({ ports: [WEB_PORT, { name: 'web', number: 9090 }] }), 'container.ports[1].name', 'must be unique', '\'web\' twice'),
  row('a second port with the first one\'s number', main({ ports: [WEB_PORT, { name: 'admin', number: 8080 }] }), 'container.ports[1].number', 'must be unique per protocol', '8080 twice'),
  row('a second capability the level refuses', main({ securityContext: { capabilities: { add: [kplus.Capability.NET_BIND_SERVICE, kplus.Capability.SYS_ADMIN] } } }),
    'container.securityContext.capabilities.add[1]', 'must only add', '\'CAP_SYS_ADMIN\''),
  row('a second envFrom with a bad prefix', () => {
    const chart = newChart();
    const source = kplus.ConfigMap.fromConfigMapName(chart, 'Settings', 'settings');
    return new OrderedStatefulApp(chart, 'web', webProps({ container: { image: IMAGE, ports: [WEB_PORT], envFrom: [kplus.Env.fromConfigMap(source, 'OK_'), kplus.Env.fromConfigMap(source, '1X')] } }));
  }, 'container.envFrom[1]', 'has a prefix that must', '\'1X\''),
  row('a network policy naming a client port twice', app({ networkPolicy: { clientPorts: ['web', 'web'] } }), 'networkPolicy.clientPorts[1]', 'must not name a port twice', '\'web\' twice'),
  row('pod Services on a second port that is not declared', app({ podServices: { ports: ['web', 'admin'] } }), 'podServices.ports[1]', 'must name ports of the main container', '\'admin\''),
  row('a container added to the StatefulSet directly', changed(web => web.statefulSet.addContainer({ name: 'shell', image: 'busybox:1.36.1' })),
    'statefulSet.containers[1].name', 'must be added with app.addSidecar(container)', '\'shell\', added to the StatefulSet directly'),
  row('a claim named like a volume of the pod', configAt('/etc/web', () => undefined, { storage: { claims: [{ ...TWO_CLAIMS, name: 'member-config-source' }] } }),
    'storage.claims[0].name', 'must be named unlike every volume of the pod', '\'member-config-source\''),
];

/** A value of another type where the API takes a cdk8s value class, as JavaScript (or a cast) can give it. */
function untyped<T>(value: unknown): T {
  return value as T;
}

// cdk8s refuses a negative Duration or Size where it is made (see the test below); a value
// of another type gets through to the library, which reports it before reading it.
const VALUE_CLASSES: Row[] = [
  row('minReady as a number', app({ rollout: { minReady: untyped(5) } }), 'rollout.minReady', 'must be a cdk8s Duration such as Duration.seconds(30)', '5'),
  row('a termination grace period as a string', app({ terminationGracePeriod: untyped('30s') }), 'terminationGracePeriod', 'must be a cdk8s Duration', '\'30s\''),
  row('a probe period as a number', app({ readiness: MemberProbe.tcp({ period: untyped(10) }) }), 'readiness.period', 'must be a cdk8s Duration', '10'),
  row('a probe timeout as an object', app({ liveness: MemberProbe.tcp({ timeout: untyped({ seconds: 5 }) }) }), 'liveness.timeout', 'must be a cdk8s Duration', '{"seconds":5}'),
  row('a start-after timeout as a number', startAfter({ timeout: 60 }), 'options.timeout', 'must be a cdk8s Duration', '60'),
  row('a cdk8s-plus probe period as a number', main({ readiness: kplus.Probe.fromTcpSocket({ port: 8080, periodSeconds: untyped(10) }) }),
    'container.readiness', 'as cdk8s Durations of whole seconds', 'a value that is not a cdk8s Duration'),
  row('a claim size as a number', claim({ size: 10 }), 'storage.claims[0].size', 'must be a cdk8s Size such as Size.gibibytes(10)', '10'),
  row('a memory request as a string', main({ resources: { memory: { request: untyped('512Mi') } } }), 'container.resources.memory.request', 'must be a cdk8s Size', '\'512Mi\''),
  row('an ephemeral storage limit as a number', main({ resources: { ephemeralStorage: { limit: untyped(1) } } }), 'container.resources.ephemeralStorage.limit', 'must be a cdk8s Size', '1'),
  row('a CPU request as a number', init({ resources: { cpu: { request: untyped(0.5) } } }), 'initContainers[0].resources.cpu.request', 'must be a cdk8s-plus Cpu such as Cpu.millis(500)', '0.5'),
];

const TABLE: Array<[string, Row[]]> = [
  ['identity and ranges', IDENTITY],
  ['containers', CONTAINERS],
  ['probes', PROBES],
  ['production parts', PARTS],
  ['mount paths', MOUNTS],
  ['elements of lists', LIST_ELEMENTS],
  ['values of another type than a cdk8s value class', VALUE_CLASSES],
  ['presets', PRESETS],
  ['collisions between apps', COLLISIONS],
];

describe.each(TABLE)('bad input: %s', (_, rows) => {
  test.each(rows.map(r => [r.input, r]))('fails when given %s', (_input, r) => {
    const message = errorOf(r.act) ?? 'accepted';
    const line = message.split('\n').find(l => l.includes(`'${r.property}' `) && l.includes(r.allowed) && l.includes(`got ${r.got}`));
    expect(line ?? message).toContain(`'${r.property}' `);
    expect(line ?? message).toContain(r.allowed);
    expect(line ?? message).toContain(`got ${r.got}`);
  });
});

describe('bad input: values of the cdk8s value classes', () => {
  test('fails where a negative Duration or Size is made: cdk8s refuses it in the caller\'s code, so none reaches the library', () => {
    expect(errorOf(() => Duration.seconds(-5))).toBe('Duration amounts cannot be negative. Received: -5');
    expect(errorOf(() => Size.gibibytes(-1))).toBe('Storage amounts cannot be negative. Received: -1');
  });

  test('fails with every value of another type at once, each with its property', () => {
    const message = errorOf(main({ resources: { memory: { request: untyped(512), limit: untyped(1024) } } }, {
      rollout: { minReady: untyped(5) }, terminationGracePeriod: untyped(30), readiness: MemberProbe.tcp({ period: untyped(10) }),
    }));
    expect(message).toBe([
      '\'test/web\': invalid OrderedStatefulAppProps:',
      '- \'container.resources.memory.request\' must be a cdk8s Size such as Size.gibibytes(10), got 512',
      '- \'container.resources.memory.limit\' must be a cdk8s Size such as Size.gibibytes(10), got 1024',
      '- \'readiness.period\' must be a cdk8s Duration such as Duration.seconds(30), got 10',
      '- \'terminationGracePeriod\' must be a cdk8s Duration such as Duration.seconds(30), got 30',
      '- \'rollout.minReady\' must be a cdk8s Duration such as Duration.seconds(30), got 5',
    ].join('\n'));
  });
});
