import { memberDomain, serviceDomain, srvDomain } from './dns';
import { selectorLabels } from './labels';
import { memberPodName } from './names';

/** A named port of the main container, as the members publish it. */
export interface MemberPort {
  readonly name: string;
  readonly number: number;
  /** `TCP`, `UDP` or `SCTP`; unset means `TCP`, as in Kubernetes. */
  readonly protocol?: string;
}

/** The values an app's identity is made of, with every default applied. */
export interface AppIdentityProps {
  readonly name: string;
  readonly serviceName: string;
  /** Unknown when the YAML carries no namespace: names then resolve from inside the namespace. */
  readonly namespace?: string;
  readonly clusterDomain: string;
  readonly replicas: number;
  readonly startOrdinal: number;
  readonly ports: MemberPort[];
  /** The labels that select the members: a live StatefulSet's, when the app adopts one. */
  readonly selector?: { [key: string]: string };
}

/**
 * The one model of an app's identity: its names, namespace, cluster domain, ordinals,
 * selector labels, ports and every DNS name derived from them. Built once from
 * validated props (or read back from a StatefulSet by the explainer); everything that
 * needs a member's name or address asks it.
 */
export class AppIdentity {
  public readonly name: string;
  public readonly serviceName: string;
  public readonly namespace?: string;
  public readonly clusterDomain: string;
  public readonly replicas: number;
  public readonly startOrdinal: number;
  private readonly podPorts: MemberPort[];
  private readonly selector: { [key: string]: string };

  constructor(props: AppIdentityProps) {
    this.name = props.name;
    this.serviceName = props.serviceName;
    this.namespace = props.namespace;
    this.clusterDomain = props.clusterDomain;
    this.replicas = props.replicas;
    this.startOrdinal = props.startOrdinal;
    this.podPorts = [...props.ports];
    this.selector = { ...props.selector ?? selectorLabels(props.name) };
  }

  /** The named ports of the members: the main container's, then each sidecar's. */
  public get ports(): MemberPort[] {
    return [...this.podPorts];
  }

  /** Adds the ports of a container added after the main one (a sidecar). */
  public addPorts(ports: MemberPort[]): void {
    this.podPorts.push(...ports);
  }

  /**
   * The labels every selector of the app uses: the library's two, both the app name, or the
   * live selector of the StatefulSet it adopts.
   */
  public get selectorLabels(): { [key: string]: string } {
    return { ...this.selector };
  }

  /** The ordinal of the last member. */
  public get lastOrdinal(): number {
    return this.startOrdinal + this.replicas - 1;
  }

  /** The members' ordinals in start order. */
  public get ordinals(): number[] {
    return Array.from({ length: Math.max(0, this.replicas) }, (_, i) => this.startOrdinal + i);
  }

  /** Whether a member has this ordinal. */
  public isMember(ordinal: number): boolean {
    return Number.isInteger(ordinal) && ordinal >= this.startOrdinal && ordinal <= this.lastOrdinal;
  }

  /** The pod name of the member with this ordinal: `<name>-<ordinal>`. */
  public podName(ordinal: number): string {
    return memberPodName(this.name, ordinal);
  }

  /** The headless Service's DNS name, under which every member's name lives. */
  public get serviceDomain(): string {
    return this.serviceHost(this.serviceName);
  }

  /** The DNS name of another Service of the app's namespace. */
  public serviceHost(service: string): string {
    return serviceDomain(service, this.namespace, this.clusterDomain);
  }

  /** The DNS name of the member with this ordinal. */
  public podFqdn(ordinal: number): string {
    return memberDomain(this.podName(ordinal), this.serviceDomain);
  }

  /** The SRV name that lists every member's address for a port. */
  public srvName(port: MemberPort): string {
    return srvDomain(port.name, port.protocol ?? 'TCP', this.serviceDomain);
  }

  /** The declared port of this name, if any. */
  public port(name: string): MemberPort | undefined {
    return this.podPorts.find(p => p.name === name);
  }
}
