import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { LiveStatefulSet } from './live-stateful-set';
import { MemberProbe } from './member-probe';
import { PodManagement } from './pod-management';
import { PodSecurity } from './pod-security';
import { ProductionProps } from './production-props';

/**
 * Properties of an `OrderedStatefulApp`.
 */
export interface OrderedStatefulAppProps extends ProductionProps {
  /**
   * The StatefulSet name. Pods are named `<name>-<ordinal>`. A DNS-1123 label of
   * at most 52 characters (the controller's `controller-revision-hash` label
   * `<name>-<10 characters>` must fit 63).
   *
   * @default - the adopted StatefulSet's name (`adopt`), otherwise the construct id
   */
  readonly name?: string;

  /**
   * The name of the headless governing Service (`spec.serviceName`), the middle
   * part of every member's DNS name `<pod>.<serviceName>.<namespace>.svc.<clusterDomain>`.
   * A DNS-1035 label.
   *
   * @default - the adopted StatefulSet's (`adopt`), otherwise `<name>-headless`
   */
  readonly serviceName?: string;

  /**
   * The namespace of every object, and of every DNS name the helpers hand out.
   *
   * @default - the chart's namespace, otherwise the adopted StatefulSet's (`adopt`); when there is none either, the objects
   * carry no namespace and the helpers return names that resolve from inside
   * the namespace they are applied to (`web-0.nginx`)
   */
  readonly namespace?: string;

  /**
   * The cluster's DNS domain, the last part of every fully qualified name.
   *
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * The number of members (`spec.replicas`).
   *
   * @default - the adopted StatefulSet's (`adopt`), otherwise 1
   */
  readonly replicas?: number;

  /**
   * The ordinal of the first member (`spec.ordinals.start`, beta and on by default
   * since Kubernetes 1.27). Members are `<name>-<startOrdinal>` and up, and every
   * helper follows it.
   *
   * @default - the adopted StatefulSet's (`adopt`), otherwise 0
   */
  readonly startOrdinal?: number;

  /**
   * Ordered or parallel start (`spec.podManagementPolicy`).
   *
   * @default PodManagement.ORDERED_READY
   */
  readonly podManagement?: PodManagement;

  /**
   * Whether the headless Service publishes DNS records of members that are not
   * Ready yet (`spec.publishNotReadyAddresses`). Clustered apps find their peers
   * through these records before any member can be Ready (a quorum forms only
   * once members reach each other), so the headless Service publishes them.
   * Only the headless Service: client Services never publish unready members.
   *
   * @default true
   */
  readonly publishNotReadyAddresses?: boolean;

  /**
   * The main container: image, ports, command, resources, volume mounts.
   * Every port must have a name (the headless Service publishes an SRV record
   * for each named port). Its environment starts with the member variables
   * (`POD_NAME`, `POD_NAMESPACE`, `POD_IP`, `HEADLESS_SERVICE`,
   * `HEADLESS_SERVICE_DOMAIN`, `POD_FQDN`), so its own variables, `command` and `args`
   * can use them as `$(POD_FQDN)`. Without `resources`, no requests or limits are
   * written: the container gets what the namespace's LimitRange gives, or none.
   */
  readonly container: kplus.ContainerProps;

  /**
   * Containers that run to completion, in order, before the main container starts.
   *
   * @default - none
   */
  readonly initContainers?: kplus.ContainerProps[];

  /**
   * Labels added to every object and to the pod template. They cannot replace the
   * selector labels `app.kubernetes.io/name` and `app.kubernetes.io/instance`.
   *
   * @default - only the selector labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * The main container's readiness probe. With `PodManagement.ORDERED_READY` the
   * next member starts only when this probe passes, so it must mean "ready".
   * Give either this or `container.readiness`, not both.
   *
   * @default - `container.readiness` when set, otherwise a TCP check on the main container's first port
   */
  readonly readiness?: MemberProbe;

  /**
   * The main container's liveness probe. Give either this or `container.liveness`.
   *
   * @default - `container.liveness` when set, otherwise none
   */
  readonly liveness?: MemberProbe;

  /**
   * The main container's startup probe. Give either this or `container.startup`.
   *
   * @default - `container.startup` when set, otherwise none
   */
  readonly startup?: MemberProbe;

  /**
   * The Pod Security Standard every pod is built to pass.
   *
   * @default PodSecurity.RESTRICTED
   */
  readonly podSecurity?: PodSecurity;

  /**
   * Whether images without a tag, or tagged `latest`, are accepted. They are
   * refused by default: with a moving tag, members started at different times
   * run different versions and a rollout cannot be reproduced.
   *
   * @default false
   */
  readonly allowUnpinnedImages?: boolean;

  /**
   * The absolute directory where the main container sees its config files
   * (`addSharedFile`, `addOrdinalFile`, `addDefaultFile`), a read-only `volumeMount`
   * of an emptyDir that the init container `member-config` fills from the ConfigMap
   * `<name>-config`. Nothing is added while no file is.
   *
   * @default - no config directory: adding a file fails at synth time
   */
  readonly configMountPath?: string;

  /**
   * The image of the init containers that copy files: `member-config`, which copies each
   * pod's config files as user 65534, and `secret-files` (`addSecretFile`), which runs as
   * the main container's user. It needs a POSIX `sh`, `cp`, `cat`, `chmod`, `mv`, `rm` and `id`.
   * Set it to a mirror of the default in a private registry, pinned by tag or digest
   * (`registry.example.com/busybox@sha256:...`).
   *
   * @default 'busybox:1.36.1'
   */
  readonly configInitImage?: string;

  /**
   * The image of the containers that wait for another app (`startAfter` with a TCP or
   * HTTP check). It needs bash with `/dev/tcp` and BusyBox's or coreutils' `timeout`,
   * and runs as user 65534. Set it to a mirror of the default in a private registry,
   * pinned by tag or digest.
   *
   * @default 'bash:5.2.26'
   */
  readonly waitImage?: string;

  /**
   * How long a member gets to stop after it is told to (`terminationGracePeriodSeconds`):
   * the pre-stop command and the app's own shutdown must fit in it, or the member is killed.
   *
   * @default Duration.seconds(30)
   */
  readonly terminationGracePeriod?: Duration;

  /**
   * A command run in the main container before it is stopped
   * (`lifecycle.preStop.exec.command`), without a shell, e.g. `['nodetool', 'drain']`.
   * Give either this or `container.lifecycle.preStop`.
   *
   * @default - none
   */
  readonly preStop?: string[];

  /**
   * The PriorityClass of the members (`priorityClassName`), so that the scheduler
   * preempts less important pods for them, or them for more important ones.
   *
   * @default - none: the cluster's default priority
   */
  readonly priorityClassName?: string;

  /**
   * The ServiceAccount the members run as (`serviceAccountName`). Its token is not
   * mounted (`automountServiceAccountToken: false`).
   *
   * @default - the namespace's `default` ServiceAccount
   */
  readonly serviceAccount?: kplus.IServiceAccount;

  /**
   * A StatefulSet that runs today (from a Helm chart or YAML written by hand) that the app
   * takes over: its output is then an update of that StatefulSet, which the API server
   * accepts and whose members keep their names, DNS names and claims. The app keeps its
   * name, namespace, `serviceName`, exact `spec.selector` (which becomes `selectorLabels`,
   * on every selector the app writes), pod management policy, first ordinal and replicas
   * unless they are set, and writes its claim templates as they are live; `storage.claims`
   * must name each of them with its size, storage class and access modes. What the app
   * cannot keep is refused with the field, the live value, the new value and the way out.
   *
   * @default - none: a new StatefulSet
   */
  readonly adopt?: LiveStatefulSet;

  /**
   * The headless Service of another app (its `headlessService`) to govern this app's members
   * too, as the primary and replica StatefulSets of many Helm charts share one
   * (`spec.serviceName`): the app writes no headless Service of its own, its members' DNS
   * names are under that Service, which selects the labels both apps' selectors share and
   * publishes both apps' ports. For adopted StatefulSets (`adopt`), whose selectors share labels.
   *
   * @default - the app's own headless Service
   */
  readonly governingService?: kplus.Service;
}
