import * as fs from 'fs';
import * as path from 'path';
import { AppCheck, CheckContext, CheckFailure } from './checks';
import { clusterRecords, ClusterDns, PodEndpoint, serviceDomain } from './dns';
import { localImage } from './images';
import { Bundle, isHeadless, namespaceOf, Service, StatefulSet, unsupportedFields } from './manifest';
import { NODE_ADDRESS } from './network';
import { ObjectData } from './object-data';
import { PodHost } from './pod';
import { run, waitFor } from './processes';
import { MEMBER_CONFIG_CONTAINER, memberConfigMap, missingMemberFiles } from './scaling';
import { StatefulSetController } from './statefulset';

/** Images of the example that the image table has no local server for. */
export function imagesWithoutServer(bundle: Bundle): string[] {
  const images = bundle.ofKind<StatefulSet>('StatefulSet')
    .flatMap(sts => [...sts.spec.template.spec.initContainers ?? [], ...sts.spec.template.spec.containers])
    .map(c => c.image);
  return [...new Set(images.filter(image => !localImage(image)))].sort();
}

async function missingPackages(bundle: Bundle): Promise<string[]> {
  const packages = new Set(bundle.ofKind<StatefulSet>('StatefulSet')
    .flatMap(sts => [...sts.spec.template.spec.initContainers ?? [], ...sts.spec.template.spec.containers])
    .flatMap(c => localImage(c.image)?.packages ?? []));
  const missing: string[] = [];
  for (const pkg of [...packages].sort()) {
    const status = await run(['dpkg-query', '-W', '-f=${Status}', pkg], { timeoutMs: 10_000 });
    if (!status.stdout.includes('install ok installed')) {
      missing.push(pkg);
    }
  }
  return missing;
}

/**
 * One example: its StatefulSets started together (as `kubectl apply` would), each member
 * run as a pod, cluster DNS following the pods; then the cluster checks, and one member
 * past `replicas` per StatefulSet. Everything the example started is stopped at the end.
 */
export class ExampleRun implements PodHost {
  public readonly dir: string;
  public readonly data: ObjectData;
  private readonly dns: ClusterDns;
  private readonly controllers: StatefulSetController[];
  private readonly services: Service[];
  private dnsUpdates: Promise<void> = Promise.resolve();
  /** Once the example ends, its pods go without DNS following them. */
  private tearingDown = false;

  constructor(
    public readonly name: string,
    private readonly bundle: Bundle,
    public readonly runDir: string,
    private readonly print: (line: string) => void,
  ) {
    this.dir = path.join(runDir, name);
    fs.mkdirSync(path.join(this.dir, 'dns'), { recursive: true, mode: 0o755 });
    this.data = ObjectData.forBundle(bundle);
    this.dns = new ClusterDns(path.join(this.dir, 'dns'), NODE_ADDRESS);
    this.services = bundle.ofKind<Service>('Service');
    this.controllers = bundle.ofKind<StatefulSet>('StatefulSet').map(sts => new StatefulSetController(this, sts));
  }

  public log(line: string): void {
    this.print(`  ${line}`);
  }

  public podsChanged(): void {
    if (this.tearingDown) {
      return;
    }
    this.dnsUpdates = this.dnsUpdates
      .then(() => this.dns.update(clusterRecords(this.services, this.endpoints())))
      .catch(error => this.log(`DNS update failed: ${(error as Error).message}`));
  }

  /** Runs the example; resolves with a line on restarts, fails with what went wrong. */
  public async run(): Promise<string> {
    const missing = await missingPackages(this.bundle);
    if (missing.length > 0) {
      throw new Error(`Debian packages not installed: apt-get install ${missing.join(' ')}`);
    }
    const unsupported = this.controllers.flatMap(c => unsupportedFields(c.sts).map(p => `StatefulSet '${c.name}': ${p}`));
    if (unsupported.length > 0) {
      throw new Error(`the harness does not reproduce:\n- ${unsupported.join('\n- ')}`);
    }
    this.warnAboutProxiedPorts();
    for (const secret of this.data.generatedSecrets) {
      this.log(`Secret ${secret} is not in the YAML (its user creates it): created with random values`);
    }
    try {
      await this.dns.update(clusterRecords(this.services, []));
      await Promise.all(this.controllers.map(c => c.scaleTo(c.replicas)));
      await this.dnsUpdates;
      for (const controller of this.controllers) {
        this.checkStartOrder(controller);
        await this.checkDns(controller);
        for (const [ctx, check] of this.appChecks(controller)) {
          await check.formed(ctx);
        }
      }
      const restarts = this.controllers.flatMap(c => c.pods).flatMap(p => Object.entries(p.restarts())
        .filter(([, n]) => n > 0).map(([container, n]) => `${p.name}/${container} ${n}`));
      for (const controller of this.controllers) {
        await this.extraMember(controller);
      }
      return restarts.length > 0 ? `members restarted: ${restarts.join(', ')}` : 'no member restarted';
    } catch (error) {
      this.printLogs();
      throw error;
    } finally {
      this.tearingDown = true;
      await Promise.all(this.controllers.map(c => c.stop()));
      await this.dnsUpdates;
      await this.dns.stop();
    }
  }

  private endpoints(): PodEndpoint[] {
    return this.controllers.flatMap(c => c.pods).flatMap(pod => pod.endpoint ? [pod.endpoint] : []);
  }

  /** The harness answers a Service's name with its pods' addresses: a port that differs from its targetPort would not be translated. */
  private warnAboutProxiedPorts(): void {
    for (const service of this.services.filter(s => !isHeadless(s))) {
      for (const port of service.spec.ports ?? []) {
        if (port.targetPort !== undefined && port.targetPort !== port.port) {
          this.log(`warning: Service '${service.metadata.name}' port ${port.port} -> ${port.targetPort}: clients of its name reach the pods on ${port.port} here (no proxy)`);
        }
      }
    }
  }

  /** OrderedReady: each member was created only after the one before it was Ready. */
  private checkStartOrder(controller: StatefulSetController): void {
    const pods = controller.pods;
    if (controller.ordered) {
      pods.slice(1).forEach((pod, i) => {
        const before = pods[i].readyAt;
        if (before === undefined || pod.createdAt < before) {
          throw new CheckFailure(`${pod.name} was created before ${pods[i].name} was Ready`);
        }
      });
    }
    const times = pods.map(p => `${p.name} +${(((p.readyAt ?? 0) - pods[0].createdAt) / 1000).toFixed(1)} s`).join(', ');
    this.log(`${controller.name}: ${controller.ordered ? 'OrderedReady' : 'Parallel'} start, Ready at ${times}`);
  }

  /** What a pod's resolver gets: each member's name, the governing Service's name, its SRV records. */
  private async checkDns(controller: StatefulSetController): Promise<void> {
    const resolver = this.dns.resolver();
    const headless = this.services.find(s => s.metadata.name === controller.sts.spec.serviceName && namespaceOf(s) === namespaceOf(controller.sts));
    if (!headless) {
      throw new CheckFailure(`StatefulSet '${controller.name}': its Service '${controller.sts.spec.serviceName}' is not in the YAML`);
    }
    const pods = controller.pods;
    for (const pod of pods) {
      const addresses = await resolver.resolve4(pod.fqdn);
      if (addresses.join() !== pod.ip) {
        throw new CheckFailure(`${pod.fqdn} resolves to ${addresses.join(', ')}, not ${pod.ip}`);
      }
    }
    // A Service may govern the members of several StatefulSets (a chart's primary and replicas).
    const governed = this.controllers
      .filter(c => c.sts.spec.serviceName === headless.metadata.name && namespaceOf(c.sts) === namespaceOf(headless))
      .flatMap(c => c.pods);
    const all = (await resolver.resolve4(serviceDomain(headless))).sort().join();
    if (all !== governed.map(p => p.ip).sort().join()) {
      throw new CheckFailure(`${serviceDomain(headless)} resolves to ${all}, not to every member`);
    }
    for (const port of (headless.spec.ports ?? []).filter(p => p.name)) {
      const name = `_${port.name}._${(port.protocol ?? 'TCP').toLowerCase()}.${serviceDomain(headless)}`;
      const targets = (await resolver.resolveSrv(name)).map(r => r.name).sort().join();
      if (targets !== governed.map(p => p.fqdn).sort().join()) {
        throw new CheckFailure(`${name} lists ${targets}, not every member`);
      }
    }
    this.log(`${controller.name}: DNS answers each member's name, ${serviceDomain(headless)} and its SRV records`);
  }

  private appChecks(controller: StatefulSetController): [CheckContext, AppCheck][] {
    return controller.sts.spec.template.spec.containers.flatMap(container => {
      const check = localImage(container.image)?.check;
      if (!check) {
        return [];
      }
      const ctx: CheckContext = {
        controller, controllers: this.controllers, container, resolver: this.dns.resolver(), services: this.services, log: line => this.log(line),
      };
      return [[ctx, check]];
    });
  }

  /**
   * One member past `replicas`, as after `kubectl scale`: it refuses to start, naming the
   * files it lacks, when members have files without a default; otherwise it starts with
   * the template identity, and the app's check says what the app does with it.
   */
  private async extraMember(controller: StatefulSetController): Promise<void> {
    const configMap = memberConfigMap(controller.sts);
    const keys = configMap ? [...this.data.configMap(namespaceOf(controller.sts), configMap)?.keys() ?? []] : [];
    const missing = missingMemberFiles(controller.name, keys);
    const pod = await controller.create(controller.firstOrdinal + controller.replicas);
    if (missing.length > 0) {
      await waitFor(`${pod.name} to refuse to start`, 30_000, () => {
        if (pod.ready) {
          throw new CheckFailure(`${pod.name} started although it has no ${missing.join(', ')}`);
        }
        return pod.failure !== undefined;
      });
      const failure = pod.failure;
      const named = failure !== undefined && [pod.name, ...missing].every(word => failure.output.includes(word));
      if (failure?.container !== MEMBER_CONFIG_CONTAINER || !named) {
        throw new CheckFailure(`${pod.name} should refuse to start in ${MEMBER_CONFIG_CONTAINER}, naming ${missing.join(', ')}; got ${failure?.container}: ${failure?.output}`);
      }
      this.log(`${pod.name} (past replicas) refuses to start in ${MEMBER_CONFIG_CONTAINER}, naming ${missing.join(', ')}, as documented`);
      return;
    }
    const checks = this.appChecks(controller).filter(([, check]) => check.extraMember);
    if (checks.length === 0) {
      await controller.waitReady(pod);
      this.log(`${pod.name} (past replicas) starts with the template identity and becomes Ready`);
    }
    for (const [ctx, check] of checks) {
      await check.extraMember?.(ctx, pod);
    }
  }

  /** The last lines of every container's output, to see why a run failed. */
  private printLogs(): void {
    for (const pod of this.controllers.flatMap(c => c.pods)) {
      for (const container of pod.containerNames()) {
        const lines = pod.output(container).trim().split('\n').slice(-15);
        this.print(`  --- ${pod.name}/${container} (last ${lines.length} lines)\n${lines.map(l => `    ${l}`).join('\n')}`);
      }
    }
  }
}
