import * as fs from 'fs';
import * as path from 'path';
import { containerScript, Mount, RunAs, setprivArgs } from './container';
import { PodEndpoint } from './dns';
import { containerEnvironment, expand } from './expansion';
import { LocalImage, localImage } from './images';
import { CLUSTER_DOMAIN, Container, namespaceOf, POD_NAME_LABEL, Probe, resolvePort, StatefulSet } from './manifest';
import { createPodNetwork, deleteNetns, netnsPath } from './network';
import { ObjectData } from './object-data';
import { imageMounts, prepareVolumes, resolveEnv, Volume, writePodFiles } from './pod-setup';
import { httpProbe, tcpProbe } from './probes';
import { isStoppingAll, Process, run, RunResult, sleep, start, stop, waitFor } from './processes';

/** How long one init container may run. */
const INIT_CONTAINER_TIMEOUT_MS = 120_000;
/** terminationGracePeriodSeconds, capped so that a run stays short. */
const MAX_STOP_GRACE_MS = 5000;
/** kubelet's restart back-off: 10 s, doubled per restart, at most 5 min. */
const FIRST_BACKOFF_MS = 10_000;
const MAX_BACKOFF_MS = 300_000;

/** What the pods of one example share. */
export interface PodHost {
  /** The run's directory (shared by every example) and the example's. */
  readonly runDir: string;
  readonly dir: string;
  readonly data: ObjectData;
  log(line: string): void;
  /** Called when a pod appears, changes readiness or goes: cluster DNS follows. */
  podsChanged(): void;
}

/** A container of a pod, with what it runs and how it is doing. */
class ContainerRun {
  public process?: Process;
  public ready = false;
  public restarts = 0;
  public startedAt = 0;
  public successes = 0;
  public failures = 0;

  constructor(
    public readonly spec: Container,
    public readonly image: LocalImage,
    /** The variables the YAML defines, expanded: what `$(VAR)` in `subPathExpr` may name. */
    public readonly specEnv: ReadonlyMap<string, string>,
    /** The process environment: the image's ENV, then the YAML's. */
    public readonly env: NodeJS.ProcessEnv,
    public readonly argv: readonly string[],
    public readonly runAs: RunAs,
    public readonly logFile: string,
  ) {}

  public get running(): boolean {
    return this.process !== undefined && !this.process.exited;
  }
}

/** The image of a container, which the caller has checked to be in the image table. */
function imageOf(container: Container): LocalImage {
  const image = localImage(container.image);
  if (!image) {
    throw new Error(`no local server for the image '${container.image}'`);
  }
  return image;
}

/**
 * One member of a StatefulSet, run as kubelet would run its pod: network namespace with its
 * own address, hostname = pod name, the pod's volumes, init containers in order, then the
 * containers with their readiness probes, restarted when they exit.
 */
export class Pod {
  public readonly name: string;
  public readonly namespace: string;
  public readonly labels: Readonly<Record<string, string>>;
  public ip = '';
  public readonly createdAt = Date.now();
  public readyAt?: number;
  /** Why the pod cannot start (an init container failed), with its output. */
  public failure?: { readonly container: string; readonly exitCode: number | null; readonly output: string };
  private netns = '';
  private sandbox?: Process;
  private readonly volumes = new Map<string, Volume>();
  private readonly containers: ContainerRun[] = [];
  private readonly initContainers: ContainerRun[] = [];
  private stopping = false;
  private wasReady = false;
  private readonly dir: string;

  constructor(private readonly host: PodHost, public readonly sts: StatefulSet, public readonly ordinal: number) {
    this.name = `${sts.metadata.name}-${ordinal}`;
    this.namespace = namespaceOf(sts);
    this.labels = { ...sts.spec.template.metadata?.labels, [POD_NAME_LABEL]: this.name, 'apps.kubernetes.io/pod-index': String(ordinal) };
    this.dir = path.join(host.dir, 'pods', this.name);
  }

  public get fqdn(): string {
    return `${this.name}.${this.sts.spec.serviceName}.${this.namespace}.svc.${CLUSTER_DOMAIN}`;
  }

  /** Ready as a Service sees it: every container runs and passes its readiness probe. */
  public get ready(): boolean {
    return this.containers.length > 0 && this.containers.every(c => c.ready);
  }

  /** The pod as cluster DNS sees it, once it has an address. */
  public get endpoint(): PodEndpoint | undefined {
    if (!this.ip || this.stopping) {
      return undefined;
    }
    const ports = Object.fromEntries(this.sts.spec.template.spec.containers
      .flatMap(c => c.ports ?? []).flatMap(p => p.name ? [[p.name, p.containerPort]] : []));
    return {
      name: this.name,
      namespace: this.namespace,
      subdomain: this.sts.spec.serviceName,
      ip: this.ip,
      ready: this.ready,
      labels: this.labels,
      ports,
    };
  }

  public async start(): Promise<void> {
    fs.mkdirSync(path.join(this.dir, 'logs'), { recursive: true });
    const network = await createPodNetwork();
    this.netns = network.netns;
    this.ip = network.ip;
    this.sandbox = start(`${this.name} sandbox`, [
      'nsenter', `--net=${netnsPath(this.netns)}`, 'unshare', '--uts', '--',
      '/bin/sh', '-c', 'hostname "$1" && exec sleep infinity', 'sandbox', this.name,
    ]);
    const sandbox = this.sandbox;
    await waitFor(`the sandbox of ${this.name}`, 5000, () => {
      if (sandbox.exited) {
        throw new Error(`the sandbox of ${this.name} exited`);
      }
      return fs.readFileSync(`/proc/${sandbox.child.pid}/comm`, 'utf8').trim() === 'sleep';
    }, 20);
    writePodFiles(path.join(this.dir, 'etc'), this);
    for (const [name, volume] of prepareVolumes(this.dir, path.join(this.host.dir, 'claims'), this.sts, this, this.host.data)) {
      this.volumes.set(name, volume);
    }
    this.host.podsChanged();

    const spec = this.sts.spec.template.spec;
    for (const container of spec.initContainers ?? []) {
      if (this.stopping) {
        return;
      }
      const init = this.prepareContainer(container);
      this.initContainers.push(init);
      const proc = this.startContainer(init);
      await Promise.race([proc.exit, sleep(INIT_CONTAINER_TIMEOUT_MS)]);
      if (!proc.exited) {
        await stop(proc, 1000);
        this.fail(init, `did not finish within ${INIT_CONTAINER_TIMEOUT_MS / 1000} s`);
        return;
      }
      if (proc.exitCode !== 0) {
        this.fail(init, `exited with code ${proc.exitCode ?? proc.signal}`);
        return;
      }
      this.host.log(`${this.name}: init container ${container.name} done: ${this.lastLine(init)}`);
    }
    for (const container of spec.containers) {
      if (this.stopping) {
        return;
      }
      const main = this.prepareContainer(container);
      this.containers.push(main);
      this.startContainer(main);
      void this.probeLoop(main);
    }
  }

  /** Stops every process of the pod and removes its network namespace (the claims stay). */
  public async stop(): Promise<void> {
    this.stopping = true;
    const grace = Math.min((this.sts.spec.template.spec.terminationGracePeriodSeconds ?? 30) * 1000, MAX_STOP_GRACE_MS);
    await Promise.all([...this.containers, ...this.initContainers]
      .flatMap(c => c.process ? [stop(c.process, grace)] : []));
    if (this.sandbox) {
      await stop(this.sandbox, 1000);
    }
    if (this.netns) {
      await deleteNetns(this.netns);
    }
    this.host.podsChanged();
  }

  /** Runs a command in a running container, as `kubectl exec` does. */
  public async exec(containerName: string, argv: readonly string[], timeoutMs: number): Promise<RunResult> {
    const container = this.containers.find(c => c.spec.name === containerName);
    const pid = container?.process?.child.pid;
    if (!container || !container.running || pid === undefined) {
      throw new Error(`${this.name}: container ${containerName} is not running`);
    }
    return run(['nsenter', `--target=${pid}`, '--mount', '--uts', '--net', '--root', '--wd', '--',
      '/usr/bin/setpriv', ...setprivArgs(container.runAs), '--', ...argv], { timeoutMs, env: container.env });
  }

  /** The output of a container (all its runs), or of an init container. */
  public output(containerName: string): string {
    const container = [...this.initContainers, ...this.containers].find(c => c.spec.name === containerName);
    return container && fs.existsSync(container.logFile) ? fs.readFileSync(container.logFile, 'utf8') : '';
  }

  public containerNames(): string[] {
    return [...this.initContainers, ...this.containers].map(c => c.spec.name);
  }

  /** How often each container was restarted. */
  public restarts(): Record<string, number> {
    return Object.fromEntries(this.containers.map(c => [c.spec.name, c.restarts]));
  }

  /** A volume's directory on this machine (claims survive the pod within a run). */
  public volumePath(name: string): string | undefined {
    return this.volumes.get(name)?.path;
  }

  /** The container's environment, as its processes see it. */
  public env(containerName: string): NodeJS.ProcessEnv {
    return this.container(containerName).env;
  }

  /** The container's command line, `$(VAR)` expanded. */
  public argv(containerName: string): readonly string[] {
    return this.container(containerName).argv;
  }

  private container(containerName: string): ContainerRun {
    const container = this.containers.find(c => c.spec.name === containerName);
    if (!container) {
      throw new Error(`${this.name} has no container ${containerName}`);
    }
    return container;
  }

  private fail(init: ContainerRun, why: string): void {
    this.failure = { container: init.spec.name, exitCode: init.process?.exitCode ?? null, output: this.output(init.spec.name) };
    this.host.log(`${this.name}: init container ${init.spec.name} ${why}: ${this.lastLine(init)}`);
  }

  private lastLine(container: ContainerRun): string {
    const lines = this.output(container.spec.name).trim().split('\n');
    return lines[lines.length - 1];
  }

  private prepareContainer(container: Container): ContainerRun {
    const image = imageOf(container);
    const podSecurity = this.sts.spec.template.spec.securityContext;
    const uid = container.securityContext?.runAsUser ?? podSecurity?.runAsUser;
    if (uid === undefined) {
      throw new Error(`${this.name}: container ${container.name} sets no runAsUser; the harness runs containers only as the numeric user the YAML gives`);
    }
    const gid = container.securityContext?.runAsGroup ?? podSecurity?.runAsGroup ?? 0;
    const groups = [...new Set([gid, ...podSecurity?.fsGroup !== undefined ? [podSecurity.fsGroup] : [], ...podSecurity?.supplementalGroups ?? []])];
    const runAs: RunAs = { uid, gid, groups, noNewPrivileges: container.securityContext?.allowPrivilegeEscalation === false };
    const yamlEnv = containerEnvironment(resolveEnv(container.env ?? [], this, this.host.data));
    const lookup = (name: string) => yamlEnv.get(name);
    const entrypoint = container.command ?? image.entrypoint;
    const args = container.args ?? (container.command ? [] : image.cmd);
    const argv = [...entrypoint, ...args].map(arg => expand(arg, lookup));
    if (argv.length === 0) {
      throw new Error(`${this.name}: container ${container.name} has no command, and its image none`);
    }
    const env: NodeJS.ProcessEnv = { HOSTNAME: this.name, HOME: '/', ...image.env, ...Object.fromEntries(yamlEnv) };
    return new ContainerRun(container, image, yamlEnv, env, argv, runAs, path.join(this.dir, 'logs', `${container.name}.log`));
  }

  private mountsOf(container: ContainerRun): Mount[] {
    const lookup = (name: string) => container.specEnv.get(name);
    const mounts: Mount[] = (container.spec.volumeMounts ?? []).map(mount => {
      const volume = this.volumes.get(mount.name);
      if (!volume) {
        throw new Error(`${this.name}: container ${container.spec.name} mounts the unknown volume '${mount.name}'`);
      }
      const subPath = mount.subPathExpr !== undefined ? expand(mount.subPathExpr, lookup) : mount.subPath;
      const source = subPath ? path.join(volume.path, subPath) : volume.path;
      if (!fs.existsSync(source)) {
        // kubelet creates a missing subPath as a directory with the mode of the volume's root
        // (so it is group-writable for fsGroup), in the root's group.
        createSubPath(volume.path, subPath!);
      }
      return { source, target: mount.mountPath, readOnly: volume.readOnly || mount.readOnly === true, isFile: !fs.statSync(source).isDirectory() };
    });
    const etc = path.join(this.dir, 'etc');
    for (const file of ['hosts', 'hostname', 'resolv.conf']) {
      mounts.push({ source: path.join(etc, file), target: `/etc/${file}`, readOnly: false, isFile: true });
    }
    return mounts;
  }

  private startContainer(container: ContainerRun): Process {
    const runDir = path.join(this.dir, 'containers', `${container.spec.name}-${container.restarts}`);
    const root = path.join(runDir, 'root');
    const scratch = path.join(runDir, 'scratch');
    fs.mkdirSync(root, { recursive: true });
    fs.mkdirSync(scratch, { recursive: true });
    const script = containerScript({
      root,
      scratch,
      imageMounts: imageMounts(container.image, this.host.runDir),
      imageDirs: container.image.dirs,
      mounts: this.mountsOf(container),
      readOnly: container.spec.securityContext?.readOnlyRootFilesystem === true,
      workingDir: container.spec.workingDir ?? container.image.workingDir ?? '/',
    }, container.runAs, container.argv);
    const scriptFile = path.join(runDir, 'start.sh');
    fs.writeFileSync(scriptFile, script);
    // Like runc, the container's output belongs to its user, so that it can open /dev/stdout.
    fs.appendFileSync(container.logFile, '');
    fs.chownSync(container.logFile, container.runAs.uid, container.runAs.gid);
    const sandboxPid = this.sandbox?.child.pid;
    const proc = start(`${this.name}/${container.spec.name}`, [
      'nsenter', `--target=${sandboxPid}`, '--uts', '--net', '--',
      'unshare', '--mount', '--propagation', 'private', '--', '/bin/sh', scriptFile,
    ], { log: container.logFile, env: container.env });
    container.process = proc;
    container.startedAt = Date.now();
    container.successes = 0;
    container.failures = 0;
    void proc.exit.then(() => this.onExit(container, proc));
    return proc;
  }

  private onExit(container: ContainerRun, proc: Process): void {
    if (this.stopping || isStoppingAll() || this.initContainers.includes(container)) {
      return;
    }
    container.ready = false;
    this.readinessMayHaveChanged();
    container.restarts += 1;
    const backoff = Math.min(FIRST_BACKOFF_MS * 2 ** (container.restarts - 1), MAX_BACKOFF_MS);
    this.host.log(`${this.name}: container ${container.spec.name} exited with ${proc.exitCode ?? proc.signal}: `
      + `${this.lastLine(container)}; restart ${container.restarts} in ${backoff / 1000} s`);
    void sleep(backoff).then(() => {
      if (!this.stopping) {
        this.startContainer(container);
      }
    });
  }

  /**
   * kubelet's readiness prober: a tick every periodSeconds from when the pod is created;
   * a tick probes once the container runs and initialDelaySeconds have passed. Without a
   * probe, a running container is ready.
   */
  private async probeLoop(container: ContainerRun): Promise<void> {
    const probe = container.spec.readinessProbe;
    const periodMs = (probe?.periodSeconds ?? 10) * 1000;
    for (let tick = 0; !this.stopping; tick++) {
      if (!probe) {
        container.ready = container.running;
      } else if (container.running && Date.now() >= container.startedAt + (probe.initialDelaySeconds ?? 0) * 1000) {
        const ok = await this.probe(container, probe);
        container.successes = ok ? container.successes + 1 : 0;
        container.failures = ok ? 0 : container.failures + 1;
        if (container.successes >= (probe.successThreshold ?? 1)) {
          container.ready = true;
        } else if (container.failures >= (probe.failureThreshold ?? 3)) {
          container.ready = false;
        }
      }
      this.readinessMayHaveChanged();
      const next = this.createdAt + (tick + 1) * (probe ? periodMs : 200);
      await sleep(Math.max(0, next - Date.now()));
    }
  }

  private readinessMayHaveChanged(): void {
    const ready = this.ready;
    if (ready === this.wasReady || this.stopping) {
      return;
    }
    this.wasReady = ready;
    if (ready && this.readyAt === undefined) {
      this.readyAt = Date.now();
    }
    this.host.log(`${this.name}: ${ready ? 'Ready' : 'not Ready'} after ${((Date.now() - this.createdAt) / 1000).toFixed(1)} s`);
    this.host.podsChanged();
  }

  private async probe(container: ContainerRun, probe: Probe): Promise<boolean> {
    const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
    if (probe.exec) {
      try {
        return (await this.exec(container.spec.name, probe.exec.command, timeoutMs)).code === 0;
      } catch {
        return false;
      }
    }
    if (probe.httpGet) {
      const port = resolvePort(probe.httpGet.port, container.spec);
      return httpProbe(this.ip, port, probe.httpGet.path ?? '/', timeoutMs);
    }
    return tcpProbe(this.ip, resolvePort(probe.tcpSocket?.port ?? 0, container.spec), timeoutMs);
  }
}

/** A missing subPath of a volume as kubelet makes it: each directory with the root's mode and group. */
function createSubPath(root: string, subPath: string): void {
  const { mode, gid } = fs.statSync(root);
  let dir = root;
  for (const part of subPath.split('/').filter(p => p !== '')) {
    dir = path.join(dir, part);
    if (!fs.existsSync(dir)) {
      fs.mkdirSync(dir);
      fs.chownSync(dir, 0, gid);
      fs.chmodSync(dir, mode % 0o1000);
    }
  }
}
