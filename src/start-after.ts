import { Duration } from 'cdk8s';
import { imageProblem } from './ground/images';
import { Problems, show } from './ground/problems';

/**
 * How a waiting member decides that the other app is up. Every check runs against one
 * member of the other app at a time, by its DNS name, on the port of `StartAfterOptions.port`.
 */
export class WaitCheck {
  /**
   * The member accepts a TCP connection on the port.
   */
  public static tcp(): WaitCheck {
    return new WaitCheck('tcp');
  }

  /**
   * `GET <path>` over HTTP on the port answers with a status from 200 to 399, for apps
   * that accept connections before they are ready (etcd's `/health`, an admin endpoint).
   *
   * @param path the request path, starting with '/'
   */
  public static http(path: string): WaitCheck {
    return new WaitCheck('http', path);
  }

  /**
   * A command exits with status 0: it runs in the wait container, from `image`, with
   * `WAIT_HOST` (the member's DNS name) and `WAIT_PORT` in its environment, and is tried
   * again every two seconds. The image needs a POSIX `sh`, `date` and `sleep`, for the
   * loop around the command. ZooKeeper's answer to `ruok`, for example:
   * `WaitCheck.command('zookeeper:3.8.4', ['bash', '-c', 'exec 3<>/dev/tcp/$WAIT_HOST/$WAIT_PORT; echo ruok >&3; grep -q imok <&3'])`.
   *
   * @param image the pinned image of the wait container
   * @param command the command and its arguments, run without a shell
   */
  public static command(image: string, command: string[]): WaitCheck {
    return new WaitCheck('command', undefined, image, command);
  }

  private constructor(
    private readonly kind: 'tcp' | 'http' | 'command',
    private readonly path?: string,
    private readonly image?: string,
    private readonly command?: string[]) {}

  /**
   * What the wait container runs: its mode (`tcp`, `http` or `command`), the HTTP path,
   * the image and command of a command check.
   * @internal
   */
  public _toWait(): { readonly mode: 'tcp' | 'http' | 'command'; readonly path?: string; readonly image?: string; readonly command?: string[] } {
    return { mode: this.kind, path: this.path, image: this.image, command: this.command };
  }

  /**
   * Reports a path, image or command the wait container cannot use.
   * @internal
   */
  public _check(problems: Problems, property: string, allowUnpinnedImages: boolean): void {
    if (this.path !== undefined) {
      problems.check(/^\/[\x21-\x7e]*$/.test(this.path), property,
        `has an HTTP path that must start with '/' and hold only printable ASCII without spaces, got ${show(this.path)}`);
    }
    if (this.image !== undefined) {
      const problem = imageProblem(this.image, allowUnpinnedImages);
      problems.check(problem === undefined, `${property}.image`, problem!);
    }
    if (this.command !== undefined) {
      problems.check(this.command.length > 0 && this.command[0] !== '', property, `has a command that must not be empty, got ${show(this.command)}`);
    }
  }
}

/**
 * Options of `OrderedStatefulApp.startAfter()`.
 */
export interface StartAfterOptions {
  /**
   * The name of the other app's port to wait for.
   *
   * @default - the first port of the other app's main container
   */
  readonly port?: string;

  /**
   * Wait until every member of the other app passes the check, one after the other,
   * instead of only its first member.
   *
   * @default false
   */
  readonly allMembers?: boolean;

  /**
   * How long the init container waits before it gives up and exits with status 1;
   * the kubelet then restarts it with a back-off.
   *
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;

  /**
   * How a waiting member decides that the other app is up.
   *
   * @default WaitCheck.tcp()
   */
  readonly check?: WaitCheck;

  /**
   * Also order the two apps for Argo CD: every object of both carries the annotation
   * `argocd.argoproj.io/sync-wave`, the other app in an earlier wave (0 for an app that
   * waits for none, one more than the latest app it waits for otherwise), so Argo CD
   * applies the other app first and waits until it is healthy. The init-container wait
   * stays the guarantee when the pods start.
   *
   * @default false
   */
  readonly syncWaves?: boolean;
}
