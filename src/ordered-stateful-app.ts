import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { MemberProbe } from './member-probe';
import { OrderedStatefulAppProps } from './ordered-stateful-app-props';
import { PodManagement } from './pod-management';
import { PodSecurity } from './pod-security';
import { validateAppProps } from './private/app-props-validation';
import { DisruptionBudgetObject } from './private/disruption-budget';
import { addMemberEnv } from './private/member-env';
import { DEFAULT_CONFIG_INIT_IMAGE, OrdinalConfig } from './private/ordinal-config';
import { addProductionParts } from './private/production';
import { containerSecurityContext, PodSecurityPatches } from './private/security';
import { addStartAfter } from './private/start-after';
import { callError } from './private/validation';
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

  private readonly ports: kplus.ContainerPort[];
  private readonly config: OrdinalConfig;
  private readonly budget: DisruptionBudgetObject;

  constructor(scope: Construct, id: string, props: OrderedStatefulAppProps) {
    super(scope, id);
    this.name = props.name ?? id;
    this.serviceName = props.serviceName ?? `${this.name}-headless`;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    this.clusterDomain = props.clusterDomain ?? 'cluster.local';
    this.replicas = props.replicas ?? 1;
    this.startOrdinal = props.startOrdinal ?? 0;
    this.podManagement = props.podManagement ?? PodManagement.ORDERED_READY;
    this.ports = props.container.ports ?? [];
    const podSecurity = props.podSecurity ?? PodSecurity.RESTRICTED;

    validateAppProps(this, props, {
      name: this.name,
      serviceName: this.serviceName,
      namespace: this.namespace,
      clusterDomain: this.clusterDomain,
      replicas: this.replicas,
      startOrdinal: this.startOrdinal,
      podSecurity,
    });

    this.selectorLabels = {
      'app.kubernetes.io/name': this.name,
      'app.kubernetes.io/instance': this.name,
    };
    const labels = { ...props.labels, ...this.selectorLabels };
    const metadata = { namespace: props.namespace, labels };

    this.headlessService = new kplus.Service(this, 'HeadlessService', {
      metadata: { ...metadata, name: this.serviceName },
      clusterIP: 'None',
      ports: this.ports.map(p => ({ name: p.name, port: p.number, targetPort: p.number, protocol: p.protocol })),
    });
    for (const [key, value] of Object.entries(this.selectorLabels)) {
      this.headlessService.selectLabel(key, value);
    }
    ApiObject.of(this.headlessService).addJsonPatch(
      JsonPatch.add('/spec/publishNotReadyAddresses', props.publishNotReadyAddresses ?? true));

    this.statefulSet = new kplus.StatefulSet(this, 'StatefulSet', {
      metadata: { ...metadata, name: this.name },
      podMetadata: { labels },
      select: false,
      service: this.headlessService,
      replicas: this.replicas,
      podManagementPolicy: this.podManagement === PodManagement.PARALLEL
        ? kplus.PodManagementPolicy.PARALLEL
        : kplus.PodManagementPolicy.ORDERED_READY,
      securityContext: { ensureNonRoot: podSecurity === PodSecurity.RESTRICTED },
      containers: [],
    });
    this.statefulSet.select(kplus.LabelSelector.of({ labels: this.selectorLabels }));

    // cdk8s-plus labels pods with a hash of the construct path and selects them by it
    // (Services, network policies, affinity built from `statefulSet`); moving the
    // construct would then roll every member and change those selectors. The value
    // becomes the StatefulSet name, unique in its namespace and independent of the tree.
    this.statefulSet.podMetadata.addLabel(kplus.Pod.ADDRESS_LABEL, this.name);
    this.headlessService.selectLabel(kplus.Pod.ADDRESS_LABEL, this.name);

    const sts = ApiObject.of(this.statefulSet);
    if (this.startOrdinal !== 0) {
      sts.addJsonPatch(JsonPatch.add('/spec/ordinals', { start: this.startOrdinal }));
    }

    const security = new PodSecurityPatches(sts, podSecurity);
    const container = props.container;
    this.mainContainer = this.statefulSet.addContainer({
      ...container,
      name: container.name ?? this.name,
      readiness: container.readiness ?? (props.readiness ?? MemberProbe.tcp())._toProbe(this.ports),
      liveness: container.liveness ?? props.liveness?._toProbe(this.ports),
      startup: container.startup ?? props.startup?._toProbe(this.ports),
      securityContext: containerSecurityContext(container.securityContext, podSecurity),
    });
    security.container('containers', 0, container.securityContext);
    (props.initContainers ?? []).forEach((init, index) => {
      this.statefulSet.addInitContainer({
        ...init,
        securityContext: containerSecurityContext(init.securityContext, podSecurity),
      });
      security.container('initContainers', index, init.securityContext);
    });

    // Member identity in the environment, and per-member config files (see src/private/ordinal-config.ts).
    addMemberEnv(this.mainContainer, this.serviceName, this.clusterDomain);
    this.configMountPath = props.configMountPath;
    this.config = new OrdinalConfig(this, 'Config', props.configMountPath, props.configInitImage ?? DEFAULT_CONFIG_INIT_IMAGE);

    const production = addProductionParts(this, props, metadata);
    this.clientService = production.clientService;
    this.podServices = production.podServices;
    this.budget = production.disruptionBudget;
    this.podDisruptionBudget = production.disruptionBudget.apiObject;
    this.networkPolicy = production.networkPolicy;
  }

  /**
   * Sizes the PodDisruptionBudget for a quorum of `quorumSize` members:
   * `maxUnavailable` becomes `replicas - quorumSize`, so a voluntary disruption never
   * leaves fewer than `quorumSize` members (the eviction policy is kept). When
   * `quorumSize` equals `replicas` the budget allows no eviction at all and node
   * drains wait. May be called after construction; the budget is computed at synth time.
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
    addStartAfter(this, other, options);
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
    return Array.from({ length: this.replicas }, (_, i) => this.startOrdinal + i);
  }

  /**
   * The pod name of the member with this ordinal: `<name>-<ordinal>`.
   */
  public podName(ordinal: number): string {
    this.checkOrdinal(ordinal);
    return `${this.name}-${ordinal}`;
  }

  /**
   * The DNS name of the member with this ordinal, published by the headless Service:
   * `<pod>.<serviceName>.<namespace>.svc.<clusterDomain>`. When the namespace is not
   * known at synth time, `<pod>.<serviceName>`, which resolves from inside the namespace.
   */
  public podFqdn(ordinal: number): string {
    return `${this.podName(ordinal)}.${this.serviceDomain}`;
  }

  /**
   * The DNS names of every member, in ordinal order.
   */
  public peerFqdns(): string[] {
    return this.ordinals.map(ordinal => this.podFqdn(ordinal));
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
    const port = this.port(portName);
    const protocol = (port.protocol ?? kplus.Protocol.TCP).toLowerCase();
    return `_${port.name}._${protocol}.${this.serviceDomain}`;
  }

  /**
   * The declared port of the main container with this name.
   */
  public port(portName: string): kplus.ContainerPort {
    const port = this.ports.find(p => p.name === portName);
    if (!port) {
      const known = this.ports.map(p => `'${p.name}'`).join(', ');
      throw callError(this.node.path, `no port named '${portName}' on the main container; declared ports: ${known}`);
    }
    return port;
  }

  /** The headless Service's DNS name, the domain under which every member's name lives. */
  private get serviceDomain(): string {
    return this.namespace === undefined
      ? this.serviceName
      : `${this.serviceName}.${this.namespace}.svc.${this.clusterDomain}`;
  }

  private checkOrdinal(ordinal: number): void {
    const last = this.startOrdinal + this.replicas - 1;
    if (!Number.isInteger(ordinal) || ordinal < this.startOrdinal || ordinal > last) {
      throw callError(this.node.path, `ordinal ${ordinal} is not a member: members have ordinals ${this.startOrdinal} to ${last}`);
    }
  }
}
