import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
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
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * The name of the headless governing Service (`spec.serviceName`), the middle
   * part of every member's DNS name `<pod>.<serviceName>.<namespace>.svc.<clusterDomain>`.
   * A DNS-1035 label.
   *
   * @default - `<name>-headless`
   */
  readonly serviceName?: string;

  /**
   * The namespace of every object, and of every DNS name the helpers hand out.
   *
   * @default - the chart's namespace; when the chart has none either, the objects
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
   * @default 1
   */
  readonly replicas?: number;

  /**
   * The ordinal of the first member (`spec.ordinals.start`, beta and on by default
   * since Kubernetes 1.27). Members are `<name>-<startOrdinal>` and up, and every
   * helper follows it.
   *
   * @default 0
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
   * The image of the init container `member-config` that copies each pod's config
   * files. It needs a POSIX `sh`, `cp`, `cat`, `chmod` and `rm`, and runs as user 65534.
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
}
