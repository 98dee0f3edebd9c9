import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { PodManagement } from './pod-management';

/**
 * Which StatefulSet of a manifest to adopt, when it holds more than one.
 */
export interface LiveStatefulSetOptions {
  /**
   * The StatefulSet's `metadata.name`.
   *
   * @default - the manifest's only StatefulSet
   */
  readonly name?: string;

  /**
   * The StatefulSet's `metadata.namespace`.
   *
   * @default - any namespace
   */
  readonly namespace?: string;
}

/**
 * A claim template of a live StatefulSet (an entry of its `spec.volumeClaimTemplates`).
 */
export interface LiveVolumeClaim {
  /** The template's `metadata.name`: each member's claim is `<name>-<statefulset>-<ordinal>`. */
  readonly name: string;

  /**
   * The template's `metadata.labels` (some charts label their claims).
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /** The requested size (`spec.resources.requests.storage`). */
  readonly size: Size;

  /**
   * The StorageClass (`spec.storageClassName`), `''` for none.
   *
   * @default - unset: the cluster's default StorageClass
   */
  readonly storageClassName?: string;

  /**
   * The access modes (`spec.accessModes`).
   *
   * @default [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: kplus.PersistentVolumeAccessMode[];

  /**
   * The volume mode (`spec.volumeMode`).
   *
   * @default kplus.PersistentVolumeMode.FILE_SYSTEM
   */
  readonly volumeMode?: kplus.PersistentVolumeMode;
}

/**
 * The fields of a live StatefulSet that an update must keep, given by hand.
 */
export interface LiveStatefulSetProps {
  /** The StatefulSet's `metadata.name`. */
  readonly name: string;

  /**
   * The StatefulSet's `metadata.namespace`.
   *
   * @default - not known: the app's namespace is taken to be the live one
   */
  readonly namespace?: string;

  /** The governing Service (`spec.serviceName`). */
  readonly serviceName: string;

  /** The labels of `spec.selector.matchLabels`, of any keys. */
  readonly selector: { [key: string]: string };

  /**
   * The pod management policy (`spec.podManagementPolicy`).
   *
   * @default PodManagement.ORDERED_READY
   */
  readonly podManagement?: PodManagement;

  /**
   * The number of members (`spec.replicas`), which the app keeps unless it sets `replicas`.
   *
   * @default 1
   */
  readonly replicas?: number;

  /**
   * The first member's ordinal (`spec.ordinals.start`).
   *
   * @default 0
   */
  readonly startOrdinal?: number;

  /**
   * The claim templates (`spec.volumeClaimTemplates`).
   *
   * @default - none
   */
  readonly claims?: LiveVolumeClaim[];
}
