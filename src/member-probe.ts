import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { PROBE_FIELD_MINIMUMS } from './ground/probes';
import { Problems, show } from './ground/problems';
import { checkDuration } from './private/checks';

/**
 * Timing of a probe (the Kubernetes `Probe` fields of the same names).
 */
export interface MemberProbeOptions {
  /**
   * Seconds after the container starts before the first probe (`initialDelaySeconds`),
   * in whole seconds.
   *
   * @default - probe at once
   */
  readonly initialDelay?: Duration;

  /**
   * How often to probe (`periodSeconds`), in whole seconds, at least 1.
   *
   * @default Duration.seconds(10)
   */
  readonly period?: Duration;

  /**
   * How long one probe may take (`timeoutSeconds`), in whole seconds, at least 1.
   *
   * @default Duration.seconds(1)
   */
  readonly timeout?: Duration;

  /**
   * Consecutive failures after which the probe counts as failed (`failureThreshold`),
   * an integer of at least 1.
   *
   * @default 3
   */
  readonly failureThreshold?: number;
}

/**
 * Options of a probe that connects to one of the main container's ports.
 */
export interface MemberPortProbeOptions extends MemberProbeOptions {
  /**
   * The name of the main container's port to probe. The probe is refused at
   * synth time when no port of that name is declared.
   *
   * @default - the first port of the main container
   */
  readonly port?: string;
}

/**
 * Options of an HTTP GET probe.
 */
export interface MemberHttpProbeOptions extends MemberPortProbeOptions {
  /**
   * The scheme of the request.
   *
   * @default kplus.ConnectionScheme.HTTP
   */
  readonly scheme?: kplus.ConnectionScheme;
}

/**
 * A readiness, liveness or startup probe of the app's main container, naming
 * ports by name so that a probe cannot point at a port the app does not declare.
 */
export class MemberProbe {
  /**
   * Ready when a TCP connection to the port opens.
   */
  public static tcp(options: MemberPortProbeOptions = {}): MemberProbe {
    return new MemberProbe('tcp', options, options.port);
  }

  /**
   * Ready when `GET <path>` on the port answers with a status from 200 to 399.
   */
  public static http(path: string, options: MemberHttpProbeOptions = {}): MemberProbe {
    return new MemberProbe('http', options, options.port, path);
  }

  /**
   * Ready when the command, run inside the container, exits with status 0.
   * The command runs without a shell: pass `['sh', '-c', '...']` only when the
   * image has one.
   */
  public static command(command: string[], options: MemberProbeOptions = {}): MemberProbe {
    return new MemberProbe('command', options, undefined, undefined, command);
  }

  /**
   * No probe at all. For readiness this means a member counts as ready as soon
   * as its containers run, so ordered start no longer waits for the app.
   */
  public static none(): MemberProbe {
    return new MemberProbe('none', {});
  }

  private constructor(
    private readonly kind: 'tcp' | 'http' | 'command' | 'none',
    private readonly options: MemberHttpProbeOptions,
    private readonly portName?: string,
    private readonly path?: string,
    private readonly command?: string[]) {}

  /**
   * Reports a port name that the container does not declare, timing the API server
   * refuses (or turns into a default), and an empty command or path.
   * @internal
   */
  public _check(problems: Problems, property: string, ports: kplus.ContainerPort[], container: string = 'the main container'): void {
    if (this.portName !== undefined) {
      const declared = ports.map(p => `'${p.name}'`).join(', ') || 'none';
      problems.check(ports.some(p => p.name === this.portName), property,
        `must probe a port ${container} declares (${declared}), got ${show(this.portName)}`);
    }
    const { initialDelay, period, timeout, failureThreshold, scheme } = this.options;
    const durations: Array<[string, Duration | undefined, number]> = [
      ['initialDelay', initialDelay, PROBE_FIELD_MINIMUMS.initialDelaySeconds],
      ['period', period, PROBE_FIELD_MINIMUMS.periodSeconds],
      ['timeout', timeout, PROBE_FIELD_MINIMUMS.timeoutSeconds],
    ];
    for (const [option, duration, min] of durations) {
      checkDuration(problems, `${property}.${option}`, duration, min);
    }
    if (failureThreshold !== undefined) {
      problems.checkInteger(`${property}.failureThreshold`, failureThreshold, PROBE_FIELD_MINIMUMS.failureThreshold);
    }
    if (this.kind === 'command') {
      problems.check((this.command ?? []).length > 0, property, 'must run a command, got []');
    }
    if (this.kind === 'http') {
      problems.check((this.path ?? '').length > 0, property, 'must request a path such as \'/healthz\', got \'\'');
      problems.check(scheme === undefined || Object.values(kplus.ConnectionScheme).includes(scheme), `${property}.scheme`,
        `must be HTTP or HTTPS, got ${show(scheme)}`);
    }
  }

  /**
   * The cdk8s-plus probe, with the port name resolved against the declared ports.
   * Returns undefined for `none()` or when the port is not declared (reported by validation).
   * @internal
   */
  public _toProbe(ports: kplus.ContainerPort[]): kplus.Probe | undefined {
    const timing: kplus.ProbeOptions = {
      initialDelaySeconds: this.options.initialDelay,
      periodSeconds: this.options.period ?? Duration.seconds(10),
      timeoutSeconds: this.options.timeout ?? Duration.seconds(1),
      failureThreshold: this.options.failureThreshold ?? 3,
    };
    const port = this.portName === undefined ? ports[0] : ports.find(p => p.name === this.portName);
    switch (this.kind) {
      case 'tcp':
        return port && kplus.Probe.fromTcpSocket({ ...timing, port: port.number });
      case 'http':
        return port && kplus.Probe.fromHttpGet(this.path!, { ...timing, port: port.number, scheme: this.options.scheme });
      case 'command':
        return kplus.Probe.fromCommand(this.command!, timing);
      default:
        return undefined;
    }
  }
}
