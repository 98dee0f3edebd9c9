import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppIdentity } from './ground/identity';
import { callError, Problems } from './ground/problems';
import { MemberProbe } from './member-probe';
import { OrderedStatefulAppProps } from './ordered-stateful-app-props';
import { PodManagement } from './pod-management';
import { PodSecurity } from './pod-security';
import { AppContext } from './private/app-context';
import { checkAppProps } from './private/app-props';
import { checkConfigProps, MemberConfig } from './private/member-config';
import { addMemberEnv } from './private/member-env';
import { appObjectProperty, checkObjectNames } from './private/object-names';
import { PartObjects, QuorumBudget } from './private/parts/part';
import { PRODUCTION_PARTS } from './private/production';
import { memberService } from './private/services';
import { addStartAfter } from './private/start-after';
import { StatefulSetWriter } from './private/statefulset-writer';
import { StartAfterOptions } from './start-after';

/**
 * A clustered, stateful app: a headless governing Service and a StatefulSet whose
 * members have stable names and DNS names, start in order (or in parallel), and
 * pass the restricted Pod Security Standard.
 */
export class OrderedStatefulApp extends Construct {
  /** The StatefulSet name; members are `<name>-<ordinal>`. */
  public readonly name: string;

  /** The name of the headless governing Service. */
  public readonly serviceName: string;

  /**
   * The namespace the objects and DNS names belong to.
   *
   * @default - unknown at synth time: helpers return in-namespace names
   */
  public readonly namespace?: string;

  /** The cluster's DNS domain. */
  public readonly clusterDomain: string;

  /** The number of members. */
  public readonly replicas: number;

  /** The ordinal of the first member. */
  public readonly startOrdinal: number;

  /** The pod management policy. */
  public readonly podManagement: PodManagement;

  /** The labels that select this app's pods, in every selector the library writes. */
  public readonly selectorLabels: { [key: string]: string };

  /** The StatefulSet. */
  public readonly statefulSet: kplus.StatefulSet;

  /** The headless governing Service. */
  public readonly headlessService: kplus.Service;

  /** The main container. */
  public readonly mainContainer: kplus.Container;

  /** The client Service, when `clientService` is set. */
  public readonly clientService?: kplus.Service;

  /** The per-member Services in ordinal order, when `podServices` is set. */
  public readonly podServices: kplus.Service[];

  /** The PodDisruptionBudget, unless `disruptionBudget` is `DisruptionBudget.none()`. */
  public readonly podDisruptionBudget?: ApiObject;

  /** The NetworkPolicy, when `networkPolicy` is set. */
  public readonly networkPolicy?: ApiObject;

  /**
   * The directory where the main container sees its config files.
   *
   * @default - none: files cannot be added
   */
  public readonly configMountPath?: string;

  /**
   * The app's identity: names, ordinals, ports and DNS names.
   * @internal
   */
  public readonly _identity: AppIdentity;

  private readonly context: AppContext;
  private readonly config: MemberConfig;
  private readonly budget: QuorumBudget;

  constructor(scope: Construct, id: string, props: OrderedStatefulAppProps) {
    super(scope, id);
    const podSecurity = props.podSecurity ?? PodSecurity.RESTRICTED;
    const identity = new AppIdentity({
      name: props.name ?? id,
      serviceName: props.serviceName ?? `${props.name ?? id}-headless`,
      namespace: props.namespace ?? Chart.of(this).namespace,
      clusterDomain: props.clusterDomain ?? 'cluster.local',
      replicas: props.replicas ?? 1,
      startOrdinal: props.startOrdinal ?? 0,
      ports: (props.container.ports ?? []).map(p => ({ name: p.name ?? '', number: p.number, protocol: p.protocol })),
    });
    const problems = new Problems(this.node.path, 'OrderedStatefulAppProps');
    checkAppProps(problems, props, identity, podSecurity);
    checkConfigProps(problems, props);
    PRODUCTION_PARTS.forEach(part => part.check?.(problems, props, identity));
    problems.throwIfAny();

    this._identity = identity;
    this.name = identity.name;
    this.serviceName = identity.serviceName;
    this.namespace = identity.namespace;
    this.clusterDomain = identity.clusterDomain;
    this.replicas = identity.replicas;
    this.startOrdinal = identity.startOrdinal;
    this.podManagement = props.podManagement ?? PodManagement.ORDERED_READY;
    this.selectorLabels = identity.selectorLabels;
    this.configMountPath = props.configMountPath;
    const metadata = { namespace: props.namespace, labels: { ...props.labels, ...this.selectorLabels } };

    this.headlessService = memberService(this, 'HeadlessService', {
      name: this.serviceName,
      metadata,
      clusterIP: 'None',
      ports: identity.ports,
      selector: this.selectorLabels,
    });
    ApiObject.of(this.headlessService).addJsonPatch(
      JsonPatch.add('/spec/publishNotReadyAddresses', props.publishNotReadyAddresses ?? true));

    const settings = PRODUCTION_PARTS.map(part => part.statefulSetProps?.(props) ?? {});
    this.statefulSet = new kplus.StatefulSet(this, 'StatefulSet', {
      metadata: { ...metadata, name: this.name },
      podMetadata: { labels: metadata.labels },
      select: false,
      service: this.headlessService,
      replicas: this.replicas,
      podManagementPolicy: this.podManagement === PodManagement.PARALLEL
        ? kplus.PodManagementPolicy.PARALLEL
        : kplus.PodManagementPolicy.ORDERED_READY,
      containers: [],
      ...Object.assign({}, ...settings),
      securityContext: Object.assign({ ensureNonRoot: podSecurity === PodSecurity.RESTRICTED }, ...settings.map(s => s.securityContext)),
    });
    this.statefulSet.select(kplus.LabelSelector.of({ labels: this.selectorLabels }));

    // cdk8s-plus labels pods with a hash of the construct path and selects them by it
    // (Services, network policies, affinity built from `statefulSet`); moving the
    // construct would then roll every member and change those selectors. The value
    // becomes the StatefulSet name, unique in its namespace and independent of the tree.
    this.statefulSet.podMetadata.addLabel(kplus.Pod.ADDRESS_LABEL, this.name);
    this.headlessService.selectLabel(kplus.Pod.ADDRESS_LABEL, this.name);

    const writer = new StatefulSetWriter(this.statefulSet, podSecurity);
    if (this.startOrdinal !== 0) {
      writer.patch(JsonPatch.add('/spec/ordinals', { start: this.startOrdinal }));
    }
    const container = props.container;
    const ports = container.ports ?? [];
    this.mainContainer = writer.addContainer({
      ...container,
      name: container.name ?? this.name,
      readiness: container.readiness ?? (props.readiness ?? MemberProbe.tcp())._toProbe(ports),
      liveness: container.liveness ?? props.liveness?._toProbe(ports),
      startup: container.startup ?? props.startup?._toProbe(ports),
    });
    (props.initContainers ?? []).forEach(init => writer.addInitContainer(init, { level: podSecurity }));
    addMemberEnv(this.mainContainer, identity);

    this.context = { scope: this, identity, props, metadata, statefulSet: this.statefulSet, mainContainer: this.mainContainer, writer };
    // Per-member config files (see src/ground/member-config.ts).
    this.config = new MemberConfig(this.context, 'Config');

    const parts = Object.assign({}, ...PRODUCTION_PARTS.map(part => part.apply(this.context))) as PartObjects;
    this.clientService = parts.clientService;
    this.podServices = parts.podServices ?? [];
    this.budget = parts.disruptionBudget!;
    this.podDisruptionBudget = this.budget.apiObject;
    this.networkPolicy = parts.networkPolicy;
    checkObjectNames(this, 'OrderedStatefulAppProps', appObjectProperty);
  }

  /**
   * Sizes the PodDisruptionBudget for a quorum of `quorumSize` members:
   * `maxUnavailable` becomes `replicas - quorumSize`, so a voluntary disruption never
   * leaves fewer than `quorumSize` members (the eviction policy is kept). A stricter
   * `disruptionBudget` given in the props is kept as it is: a quorum never loosens a
   * budget. When `quorumSize` equals `replicas` the budget allows no eviction at all and
   * node drains wait. May be called after construction; the budget is computed at synth time.
   */
  public protectQuorum(quorumSize: number): void {
    this.budget.protectQuorum(quorumSize);
  }

  /**
   * Makes this app's members wait until `other` accepts TCP connections: an init
   * container, first in `initContainers`, tries the first member of `other` (or every
   * member) in a loop, logging each try, and exits with status 1 when it gives up.
   * `other`'s objects come before this app's in the YAML.
   */
  public startAfter(other: OrderedStatefulApp, options: StartAfterOptions = {}): void {
    addStartAfter(this.context, other.context, options);
  }

  /**
   * Adds a file that every member sees as `<configMountPath>/<name>`.
   *
   * @param name a ConfigMap key without '/': letters, digits, '-', '_' and '.'
   * @param content the file's text
   */
  public addSharedFile(name: string, content: string): void {
    this.config.addShared(name, content);
  }

  /**
   * Adds a file that only the member with this ordinal sees as `<configMountPath>/<name>`;
   * the ordinal must be one of `ordinals`.
   *
   * @param ordinal the member's ordinal (follows `startOrdinal`)
   * @param name a ConfigMap key without '/'; not the name of a shared file
   * @param content the file's text
   */
  public addOrdinalFile(ordinal: number, name: string, content: string): void {
    this.config.addOrdinal(ordinal, name, content);
  }

  /**
   * Adds a file that every member without its own file of this name sees, including
   * pods the YAML does not know (after `kubectl scale`). Such a pod refuses to start
   * when a member has a file that has no default.
   *
   * @param name a ConfigMap key without '/'; not the name of a shared file
   * @param content the file's text
   */
  public addDefaultFile(name: string, content: string): void {
    this.config.addDefault(name, content);
  }

  /**
   * The ordinals of the members, in start order: `startOrdinal` up to
   * `startOrdinal + replicas - 1`.
   */
  public get ordinals(): number[] {
    return this._identity.ordinals;
  }

  /**
   * The pod name of the member with this ordinal: `<name>-<ordinal>`.
   */
  public podName(ordinal: number): string {
    this.checkOrdinal(ordinal);
    return this._identity.podName(ordinal);
  }

  /**
   * The DNS name of the member with this ordinal, published by the headless Service:
   * `<pod>.<serviceName>.<namespace>.svc.<clusterDomain>`. When the namespace is not
   * known at synth time, `<pod>.<serviceName>`, which resolves from inside the namespace.
   */
  public podFqdn(ordinal: number): string {
    this.checkOrdinal(ordinal);
    return this._identity.podFqdn(ordinal);
  }

  /**
   * The DNS names of every member, in ordinal order.
   */
  public peerFqdns(): string[] {
    return this.ordinals.map(ordinal => this._identity.podFqdn(ordinal));
  }

  /**
   * `<fqdn>:<port number>` of every member, in ordinal order, for the named port.
   */
  public peerAddresses(portName: string): string[] {
    const port = this.port(portName);
    return this.peerFqdns().map(fqdn => `${fqdn}:${port.number}`);
  }

  /**
   * The DNS SRV name that lists every member's address for the named port:
   * `_<port>._<protocol>.<serviceName>.<namespace>.svc.<clusterDomain>`.
   */
  public srvName(portName: string): string {
    this.port(portName);
    return this._identity.srvName(this._identity.port(portName)!);
  }

  /**
   * The declared port of the main container with this name.
   */
  public port(portName: string): kplus.ContainerPort {
    const port = this.mainContainer.ports.find(p => p.name === portName);
    if (!port) {
      const known = this._identity.ports.map(p => `'${p.name}'`).join(', ');
      throw callError(this.node.path, `no port named '${portName}' on the main container; declared ports: ${known}`);
    }
    return port;
  }

  private checkOrdinal(ordinal: number): void {
    if (!this._identity.isMember(ordinal)) {
      throw callError(this.node.path, `ordinal ${ordinal} is not a member: members have ordinals ${this.startOrdinal} to ${this._identity.lastOrdinal}`);
    }
  }
}
