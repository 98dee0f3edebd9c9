import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { PodSecurity } from '../../src';
import { expectInvalidProps, IMAGE, synthApp, WEB_PORT, webProps } from '../app-fixtures';
import { findContainer, schemaErrors } from '../util';

function withMain(container: Partial<kplus.ContainerProps>) {
  return webProps({ container: { image: IMAGE, ports: [WEB_PORT], ...container } });
}

describe('container props', () => {
  test('accepts what the API server accepts: dotted env names, whole units, a cdk8s-plus probe with a port', () => {
    const { manifests, podSpec } = synthApp({
      container: {
        image: `registry.example:5000/team/web@sha256:${'a'.repeat(64)}`,
        ports: [WEB_PORT],
        envVariables: { 'my.env-name': kplus.EnvValue.fromValue('1'), '_X': kplus.EnvValue.fromValue('2') },
        resources: {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) },
          memory: { request: Size.mebibytes(64), limit: Size.mebibytes(64) },
        },
        readiness: kplus.Probe.fromHttpGet('/ready', { port: 8080, periodSeconds: Duration.seconds(5), timeoutSeconds: Duration.seconds(2) }),
        lifecycle: { preStop: kplus.Handler.fromCommand(['sleep', '5']) },
      },
    }, 'prod');
    const main = findContainer(podSpec, 'web');
    expect(main.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 });
    expect(main.resources).toEqual({ requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '1', memory: '64Mi' } });
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
  });

  test('fails when a name, an image or an env var name would be refused by the API server or the kubelet', () => {
    expectInvalidProps(withMain({ name: 'Web', image: 'nginx:1.25.5 ', envVariables: { 'MY VAR': kplus.EnvValue.fromValue('x') } }),
      '\'container.name\' may contain only lowercase letters, digits and \'-\' (a DNS-1123 label: lowercase letters, digits and \'-\', alphanumeric at both ends), got \'Web\'',
      '\'container.image\' must be an image reference ([host[:port]/]path[:tag][@digest], with a lowercase path), got \'nginx:1.25.5 \', which contains whitespace',
      '\'container.envVariables\' names must consist of letters, digits, \'_\', \'-\' and \'.\', and not start with a digit, got \'MY VAR\'');
  });

  test('fails when an image is malformed even with unpinned images allowed', () => {
    expectInvalidProps(webProps({ allowUnpinnedImages: true, initContainers: [{ image: 'Busybox' }] }),
      '\'initContainers[0].image\' must be an image reference ([host[:port]/]path[:tag][@digest], with a lowercase path), got \'Busybox\', '
      + 'which has uppercase letters in its repository path (\'Busybox\'): the path must be lowercase');
  });

  test('fails when resources are not what cdk8s-plus can write or a request exceeds its limit', () => {
    expectInvalidProps(withMain({
      resources: {
        cpu: { request: kplus.Cpu.millis(-5), limit: kplus.Cpu.millis(0) },
        memory: { request: Size.gibibytes(1), limit: Size.mebibytes(512) },
        ephemeralStorage: { request: Size.mebibytes(512) },
      },
    }),
    '\'container.resources.cpu.request\' must be a CPU amount >= 0 such as Cpu.millis(500) or Cpu.units(2), got \'-5m\'',
    '\'container.resources.cpu.limit\' must be more than 0 (a limit of 0 is no limit at all), got \'0m\'',
    '\'container.resources.memory.request\' must be at most the limit (512 MiB), got 1024 MiB',
    '\'container.resources.ephemeralStorage.request\' must be a whole number of GiB (cdk8s-plus writes ephemeral storage in GiB), got 0.5 GiB');
  });

  test('fails when ports have a host port or an unknown protocol', () => {
    expectInvalidProps(withMain({ ports: [{ name: 'web', number: 8080, hostPort: 80, protocol: 'HTTP' as kplus.Protocol }] }),
      '\'container.ports[0].protocol\' must be TCP, UDP or SCTP, got \'HTTP\'',
      '\'container.ports[0].hostPort\' cannot be set: the baseline and restricted Pod Security Standards refuse host ports, got 80');
  });

  test('fails when a user or group id is beyond int32, or root must run as non-root', () => {
    expectInvalidProps(webProps({
      podSecurity: PodSecurity.BASELINE,
      container: { image: IMAGE, ports: [WEB_PORT], securityContext: { user: 0, ensureNonRoot: true, group: 2147483648 } },
    }),
    '\'container.securityContext.group\' must be an integer from 0 to 2147483647, got 2147483648',
    '\'container.securityContext.user\' must not be 0 while \'ensureNonRoot\' is true: the kubelet refuses to start the container, got 0');
  });

  test('fails when an init container has a probe or lifecycle hooks, before cdk8s-plus throws', () => {
    expectInvalidProps(webProps({ initContainers: [{ image: 'busybox:1.36.1', readiness: kplus.Probe.fromCommand(['true']), lifecycle: {} }] }),
      '\'initContainers[0].readiness\' cannot be set on an init container, which runs to completion before the main container starts, got a probe',
      '\'initContainers[0].lifecycle\' cannot be set on an init container, which runs to completion before the main container starts, got lifecycle hooks');
  });

  test('fails when a cdk8s-plus probe has a sub-second duration, before cdk8s-plus fails to serialize it', () => {
    expectInvalidProps(withMain({ readiness: kplus.Probe.fromTcpSocket({ port: 8080, timeoutSeconds: Duration.millis(500) }) }),
      '\'container.readiness\' must give initialDelaySeconds, periodSeconds and timeoutSeconds as cdk8s Durations of whole seconds, got \'500 millis\'');
  });

  test('fails when a cdk8s-plus probe has fields the API server refuses or turns into defaults', () => {
    expectInvalidProps(withMain({
      liveness: kplus.Probe.fromTcpSocket({ port: 8080, successThreshold: 2, failureThreshold: 0, periodSeconds: Duration.seconds(0) }),
      startup: kplus.Probe.fromCommand([]),
    }),
    '\'container.liveness.periodSeconds\' must be an integer from 1 to 2147483647, got 0',
    '\'container.liveness.failureThreshold\' must be an integer from 1 to 2147483647, got 0',
    '\'container.liveness.successThreshold\' must be 1 for a liveness probe, got 2',
    '\'container.startup\' must run a command, got []');
  });

  test('fails when a cdk8s-plus probe or hook names no port, which cdk8s-plus would turn into port 80', () => {
    expectInvalidProps(withMain({ readiness: kplus.Probe.fromTcpSocket(), lifecycle: { postStart: kplus.Handler.fromHttpGet('') } }),
      '\'container.readiness\' must give a \'port\' from 1 to 65535, got none or 0: without one, cdk8s-plus uses port 80, as the main container has only named ports',
      '\'container.lifecycle.postStart\' must request a path such as \'/healthz\', got \'\'');
  });
});
