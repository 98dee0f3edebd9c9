import { promises as dns } from 'dns';
import * as fs from 'fs';
import * as path from 'path';
import { CLUSTER_DOMAIN, isHeadless, namespaceOf, selects, Service } from './manifest';
import { Process, start, stop, waitFor } from './processes';

/** A pod as cluster DNS sees it: the StatefulSet gives it hostname = pod name and subdomain = serviceName. */
export interface PodEndpoint {
  readonly name: string;
  readonly namespace: string;
  readonly subdomain: string;
  readonly ip: string;
  readonly ready: boolean;
  readonly labels: Readonly<Record<string, string>>;
  /** Container ports by name, for Services whose targetPort is a name. */
  readonly ports: Readonly<Record<string, number>>;
}

export interface SrvRecord {
  readonly name: string;
  readonly target: string;
  readonly port: number;
}

/** Names with their A records, and SRV records, as cluster DNS would answer them. */
export interface DnsRecords {
  /** Name -> addresses; every name is fully qualified, without the trailing dot. */
  readonly a: ReadonlyMap<string, readonly string[]>;
  readonly srv: readonly SrvRecord[];
}

export function serviceDomain(service: Service): string {
  return `${service.metadata.name}.${namespaceOf(service)}.svc.${CLUSTER_DOMAIN}`;
}

/**
 * The records of cluster DNS for these Services and pods:
 *
 * - every Service: `<svc>.<ns>.svc.<domain>`, the addresses of the pods it selects that are
 *   ready, or all of them with `publishNotReadyAddresses`;
 * - headless Services: each such pod whose subdomain is the Service as
 *   `<pod>.<svc>.<ns>.svc.<domain>` (others as their dashed address), and SRV records
 *   `_<port>._<protocol>.<svc>.<ns>.svc.<domain>` per named port, one per pod;
 * - other Services: one SRV record per named port, pointing at the Service's name.
 *
 * A reverse lookup of a member's address answers its own name. A Service with a cluster IP is answered with its pods' addresses, not a virtual address:
 * the harness runs no proxy (so its port must equal its targetPort).
 */
export function clusterRecords(services: readonly Service[], pods: readonly PodEndpoint[]): DnsRecords {
  // Pod names come first: the hosts file's first name of an address answers its PTR query.
  const podNames = new Map<string, string[]>();
  const serviceNames = new Map<string, string[]>();
  const srv: SrvRecord[] = [];
  const add = (names: Map<string, string[]>, name: string, ip: string) => names.set(name, [...names.get(name) ?? [], ip]);
  for (const service of services) {
    const domain = serviceDomain(service);
    const endpoints = pods.filter(pod => pod.namespace === namespaceOf(service)
      && selects(service.spec.selector, pod.labels)
      && (pod.ready || service.spec.publishNotReadyAddresses === true));
    for (const pod of endpoints) {
      add(serviceNames, domain, pod.ip);
    }
    const namedPorts = (service.spec.ports ?? []).filter(port => port.name);
    const srvName = (port: { name?: string; protocol?: string }) => `_${port.name}._${(port.protocol ?? 'TCP').toLowerCase()}.${domain}`;
    if (!isHeadless(service)) {
      srv.push(...namedPorts.map(port => ({ name: srvName(port), target: domain, port: port.port })));
      continue;
    }
    for (const pod of endpoints) {
      const host = pod.subdomain === service.metadata.name ? pod.name : pod.ip.replace(/\./g, '-');
      const target = `${host}.${domain}`;
      add(podNames, target, pod.ip);
      for (const port of namedPorts) {
        const targetPort = port.targetPort ?? port.port;
        const number = typeof targetPort === 'number' ? targetPort : pod.ports[targetPort];
        if (number !== undefined) {
          srv.push({ name: srvName(port), target, port: number });
        }
      }
    }
  }
  return { a: new Map([...podNames, ...serviceNames]), srv };
}

/** The records as a hosts file (A and PTR records) and dnsmasq SRV options. */
export function dnsmasqInput(records: DnsRecords): { hosts: string; srvOptions: string[] } {
  const lines = [...records.a.entries()]
    .flatMap(([name, ips]) => ips.map(ip => `${ip} ${name}`));
  return {
    hosts: lines.map(line => `${line}\n`).join(''),
    srvOptions: records.srv.map(r => `--srv-host=${r.name},${r.target},${r.port},0,100`),
  };
}

const DNSMASQ_ATTEMPTS = 3;

/**
 * A real DNS server (dnsmasq) answering like cluster DNS: only names it was given under the
 * cluster domain, NXDOMAIN for every other name, nothing forwarded. A and PTR records are
 * re-read on SIGHUP; SRV records are options, so a change of them restarts the server.
 */
export class ClusterDns {
  private process?: Process;
  private srvOptions: string[] = [];
  private readonly hostsFile: string;

  constructor(private readonly dir: string, public readonly address: string) {
    this.hostsFile = path.join(dir, 'hosts');
  }

  public async update(records: DnsRecords): Promise<void> {
    const { hosts, srvOptions } = dnsmasqInput(records);
    fs.writeFileSync(this.hostsFile, hosts, { mode: 0o644 });
    if (this.process && srvOptions.join('\n') === this.srvOptions.join('\n')) {
      this.process.child.kill('SIGHUP');
      return;
    }
    this.srvOptions = srvOptions;
    await this.stop();
    await this.start();
  }

  public async stop(): Promise<void> {
    if (this.process) {
      await stop(this.process, 2000);
      this.process = undefined;
    }
  }

  /**
   * Starts dnsmasq and waits until it answers. dnsmasq reads the list of interfaces when it
   * starts and gives up if one goes meanwhile (a pod's veth); it is started again then.
   */
  private async start(): Promise<void> {
    const log = path.join(this.dir, 'dnsmasq.log');
    for (let attempt = 1; ; attempt++) {
      const logged = fs.existsSync(log) ? fs.statSync(log).size : 0;
      const proc = start('dnsmasq', [
        'dnsmasq', '--keep-in-foreground', '--conf-file=/dev/null', '--pid-file=',
        '--no-resolv', '--no-hosts', '--no-poll', '--log-facility=-',
        `--listen-address=${this.address}`, '--bind-interfaces',
        `--addn-hosts=${this.hostsFile}`, `--local=/${CLUSTER_DOMAIN}/`, '--address=/#/', '--local-ttl=5',
        ...this.srvOptions,
      ], { log });
      this.process = proc;
      const resolver = this.resolver();
      const answering = await waitFor(`dnsmasq answering on ${this.address}:53`, 5000, async () => {
        if (proc.exited) {
          return true;
        }
        try {
          await resolver.resolve4(`dns-check.${CLUSTER_DOMAIN}`);
          return true;
        } catch (error) {
          // NXDOMAIN is an answer; a refused or lost query is not.
          return (error as NodeJS.ErrnoException).code === 'ENOTFOUND';
        }
      }).then(() => !proc.exited);
      if (answering) {
        return;
      }
      const output = fs.readFileSync(log).subarray(logged).toString().trim();
      if (attempt === DNSMASQ_ATTEMPTS) {
        throw new Error(`dnsmasq exited ${attempt} times: ${output}`);
      }
    }
  }

  /** A resolver that asks this server only, as a pod's resolver does. */
  public resolver(): dns.Resolver {
    const resolver = new dns.Resolver({ timeout: 1000, tries: 2 });
    resolver.setServers([this.address]);
    return resolver;
  }
}
