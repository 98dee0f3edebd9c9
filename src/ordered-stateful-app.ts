import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppIdentity, MemberPort } from './ground/identity';
import { callError, Problems } from './ground/problems';
import { MemberProbe } from './member-probe';
import { MemberTemplate } from './member-template';
import { OrderedStatefulAppProps } from './ordered-stateful-app-props';
import { PodManagement } from './pod-management';
import { PodSecurity } from './pod-security';
import { checkAdoption } from './private/adoption';
import { AppContext, ObjectMetadata } from './private/app-context';
import { checkAppProps } from './private/app-props';
import { checkConfigProps, MemberConfig } from './private/member-config';
import { memberEnvValues } from './private/member-env';
import { appObjectProperty, checkObjectNames } from './private/object-names';
import { AppNetworkPolicy, PartObjects, QuorumBudget } from './private/parts/part';
import { PRODUCTION_PARTS } from './private/production';
import { SecretFiles } from './private/secret-files';
import { checkSelectorOverlap } from './private/selector-overlap';
import { memberService } from './private/services';
import { checkSharedService, hostOf, registerHeadlessService, shareHeadlessService } from './private/shared-service';
import { addSidecar } from './private/sidecars';
import { addStartAfter, syncWaveAnnotations } from './private/start-after';
import { StatefulSetWriter } from './private/statefulset-writer';
import { SecretFileOptions } from './secret-file';
import { SidecarOptions } from './sidecar';
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
   * The namespace, labels and annotations every object of the app carries.
   * @internal
   */
  public readonly _metadata: ObjectMetadata;

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
  private readonly policy?: AppNetworkPolicy;
  private readonly notifyPorts: (added: MemberPort[]) => void;
  private secretFiles?: SecretFiles;

  constructor(scope: Construct, id: string, props: OrderedStatefulAppProps) {
    super(scope, id);
    const podSecurity = props.podSecurity ?? PodSecurity.RESTRICTED;
    const live = props.adopt?._live();
    const name = props.name ?? live?.name ?? id;
    const chartNamespace = Chart.of(this).namespace;
    const governing = props.governingService;
    const host = governing === undefined ? undefined : hostOf(governing);
    const identity = new AppIdentity({
      name,
      serviceName: props.serviceName ?? host?.serviceName ?? live?.serviceName ?? `${name}-headless`,
      namespace: props.namespace ?? chartNamespace ?? live?.namespace,
      clusterDomain: props.clusterDomain ?? 'cluster.local',
      replicas: props.replicas ?? live?.replicas ?? 1,
      startOrdinal: props.startOrdinal ?? live?.startOrdinal ?? 0,
      ports: (props.container.ports ?? []).map(p => ({ name: p.name ?? '', number: p.number, protocol: p.protocol })),
      selector: live?.selector,
    });
    const problems = new Problems(this.node.path, 'OrderedStatefulAppProps');
    checkAppProps(problems, props, identity, podSecurity);
    checkConfigProps(problems, props);
    checkAdoption(problems, props, identity);
    checkSharedService(problems, identity, governing, props.serviceName);
    PRODUCTION_PARTS.forEach(part => part.check?.(problems, props, identity));
    problems.throwIfAny();

    this._identity = identity;
    this.name = identity.name;
    this.serviceName = identity.serviceName;
    this.namespace = identity.namespace;
    this.clusterDomain = identity.clusterDomain;
    this.replicas = identity.replicas;
    this.startOrdinal = identity.startOrdinal;
    this.podManagement = props.podManagement ?? (live?.podManagement as PodManagement | undefined) ?? PodManagement.ORDERED_READY;
    this.selectorLabels = identity.selectorLabels;
    this.configMountPath = props.configMountPath;
    const metadata: ObjectMetadata = {
      // An adopted StatefulSet's namespace is written, unless the chart writes its own.
      namespace: props.namespace ?? (chartNamespace === undefined ? live?.namespace : undefined),
      labels: { ...props.labels, ...this.selectorLabels },
      annotations: syncWaveAnnotations(this),
    };
    this._metadata = metadata;

    if (governing === undefined) {
      this.headlessService = memberService(this, 'HeadlessService', {
        name: this.serviceName,
        metadata,
        clusterIP: 'None',
        ports: identity.ports,
        selector: this.selectorLabels,
      });
      ApiObject.of(this.headlessService).addJsonPatch(
        JsonPatch.add('/spec/publishNotReadyAddresses', props.publishNotReadyAddresses ?? true));
      registerHeadlessService(this.headlessService, identity);
    } else {
      this.headlessService = governing;
    }

    const settings = PRODUCTION_PARTS.map(part => part.statefulSetProps?.(props) ?? {});
    this.statefulSet = new kplus.StatefulSet(this, 'StatefulSet', {
      metadata: { ...metadata, name: this.name },
      podMetadata: { labels: metadata.labels },
      select: false,
      service: this.headlessService,
      replicas: this.replicas,
      terminationGracePeriod: props.terminationGracePeriod,
      serviceAccount: props.serviceAccount,
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
    // An adopted StatefulSet's headless Service selects by the live selector alone: the live
    // members, which lack the label until they restart, keep their DNS names meanwhile. A
    // Service shared with other apps selects by the labels all of them share.
    this.statefulSet.podMetadata.addLabel(kplus.Pod.ADDRESS_LABEL, this.name);
    if (governing !== undefined) {
      shareHeadlessService(governing, identity);
    } else if (live === undefined) {
      this.headlessService.selectLabel(kplus.Pod.ADDRESS_LABEL, this.name);
    } else {
      ApiObject.of(this.headlessService).addJsonPatch(JsonPatch.replace('/spec/selector', this.selectorLabels));
    }

    const writer = new StatefulSetWriter(this.statefulSet, podSecurity);
    if (this.startOrdinal !== 0) {
      writer.patch(JsonPatch.add('/spec/ordinals', { start: this.startOrdinal }));
    }
    if (props.priorityClassName !== undefined) {
      writer.patch(JsonPatch.add('/spec/template/spec/priorityClassName', props.priorityClassName));
    }
    const container = props.container;
    const ports = container.ports ?? [];
    this.mainContainer = writer.addContainer({
      ...container,
      name: container.name ?? this.name,
      envVariables: { ...memberEnvValues(identity), ...container.envVariables },
      resources: container.resources ?? {},
      readiness: container.readiness ?? (props.readiness ?? MemberProbe.tcp())._toProbe(ports),
      liveness: container.liveness ?? props.liveness?._toProbe(ports),
      startup: container.startup ?? props.startup?._toProbe(ports),
      lifecycle: props.preStop === undefined ? container.lifecycle
        : { ...container.lifecycle, preStop: kplus.Handler.fromCommand(props.preStop) },
    });
    (props.initContainers ?? []).forEach(init => writer.addInitContainer(init, { level: podSecurity }));

    const portListeners: Array<(added: MemberPort[]) => void> = [];
    this.notifyPorts = added => portListeners.forEach(listener => listener(added));
    this.context = {
      scope: this,
      identity,
      props,
      metadata,
      statefulSet: this.statefulSet,
      mainContainer: this.mainContainer,
      writer,
      whenPortsAdded: listener => portListeners.push(listener),
    };
    // The headless Service publishes every named port of the members, a sidecar's too.
    this.context.whenPortsAdded(added => added.forEach(p => this.headlessService.bind(p.number,
      { name: p.name, targetPort: p.number, protocol: p.protocol as kplus.Protocol | undefined })));
    // Per-member config files (see src/ground/member-config.ts).
    this.config = new MemberConfig(this.context, 'Config');

    const parts = Object.assign({}, ...PRODUCTION_PARTS.map(part => part.apply(this.context))) as PartObjects;
    this.clientService = parts.clientService;
    this.podServices = parts.podServices ?? [];
    this.budget = parts.disruptionBudget!;
    this.podDisruptionBudget = this.budget.apiObject;
    this.policy = parts.networkPolicy;
    this.networkPolicy = this.policy?.apiObject;

    const overlap = checkSelectorOverlap(this, identity, { ...metadata.labels, [kplus.Pod.ADDRESS_LABEL]: this.name }, live !== undefined);
    // What methods can change after construction is checked when the app is synthesized.
    this.node.addValidation({
      validate: () => {
        const atSynth = new Problems(this.node.path, 'OrderedStatefulAppProps');
        PRODUCTION_PARTS.forEach(part => part.checkAtSynth?.(atSynth, props, identity));
        const pod = new Problems(this.node.path, 'pod template');
        writer.checkPod(pod, props.storage?.claims ?? []);
        return [...atSynth.toValidationErrors(), ...pod.toValidationErrors(), ...overlap()?.toValidationErrors() ?? []];
      },
    });
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
   * Makes this app's members wait until `other` is up: an init container, first in
   * `initContainers`, checks the first member of `other` (or every member) in a loop,
   * logging each try, and exits with status 1 when it gives up. The check is a TCP
   * connection, an HTTP request or a command of your own (`options.check`). When `other`
   * has a network policy, it admits this app's pods on the port waited for. `other`'s
   * objects come before this app's in the YAML.
   */
  public startAfter(other: OrderedStatefulApp, options: StartAfterOptions = {}): void {
    addStartAfter(this.context, other.context, other.policy, options);
  }

  /**
   * Adds a container that runs beside the main one in every member (a metrics exporter,
   * a log shipper). It gets the same hardening as the main container, the member
   * variables first in its environment, no resources unless it sets them, and probes by
   * the names of its own ports. Its named ports are published by the headless Service and
   * can be named by `clientService`, `podServices` and `networkPolicy`. A container added
   * to `statefulSet` directly fails synthesis.
   *
   * @param container the container; `name` is required and its ports must be named
   * @param options its probes
   */
  public addSidecar(container: kplus.ContainerProps, options: SidecarOptions = {}): kplus.Container {
    return addSidecar(this.context, container, options, this.notifyPorts);
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
   * Adds a file that every member computes from its own identity when it starts, seen as
   * `<configMountPath>/<name>`: a member the YAML does not know (after `kubectl scale`)
   * gets it too, with its own values. Scaling does not change the pod template, so
   * existing members keep running.
   *
   * @param name a ConfigMap key without '/'; not the name of another file
   * @param template the file's parts: text and member values
   */
  public addTemplateFile(name: string, template: MemberTemplate): void {
    this.config.addTemplate(name, template);
  }

  /**
   * Makes the config file `name` (shared, per-member, default or template) also appear as
   * a single read-only file at `path` in the main container, e.g. ZooKeeper's `/data/myid`
   * on its volume or `/etc/cassandra/cassandra.yaml` over the image's own: the other files
   * of that directory stay. A member that lacks the file refuses to start.
   *
   * @param name the name of a config file
   * @param path an absolute path, not inside `configMountPath`
   */
  public mountFile(name: string, path: string): void {
    this.config.mount(name, path);
  }

  /**
   * Places one key of a Secret as a file at `options.path` in the main container, owned by
   * the main container's numeric user (`container.securityContext.user`, which must be set)
   * and group, with the mode `options.mode` (0o400 by default), read-only: for apps that
   * refuse a secret others can read, such as RabbitMQ's `.erlang.cookie`. An init container
   * `secret-files` (the `configInitImage`, run as that user and hardened for `podSecurity`)
   * copies the key from a Secret volume `secret-file-<n>` it alone mounts into the in-memory
   * emptyDir `secret-files`; the file is mounted after every other mount, so it may lie on
   * a member's volume. The path must not be another mount's or lie in `configMountPath`.
   */
  public addSecretFile(options: SecretFileOptions): void {
    this.secretFiles ??= new SecretFiles(this.context, 'SecretFiles');
    this.secretFiles.add(options);
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
   * The declared port of the main container or a sidecar with this name.
   */
  public port(portName: string): kplus.ContainerPort {
    const port = this.statefulSet.containers.flatMap(c => c.ports).find(p => p.name === portName);
    if (!port) {
      const known = this._identity.ports.map(p => `'${p.name}'`).join(', ');
      throw callError(this.node.path, `no port named '${portName}' on the main container or a sidecar; declared ports: ${known}`);
    }
    return port;
  }

  private checkOrdinal(ordinal: number): void {
    if (!this._identity.isMember(ordinal)) {
      throw callError(this.node.path, `ordinal ${ordinal} is not a member: members have ordinals ${this.startOrdinal} to ${this._identity.lastOrdinal}`);
    }
  }
}
