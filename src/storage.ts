import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';

/**
 * One persistent volume per member: an entry of the StatefulSet's
 * `spec.volumeClaimTemplates`, mounted in the main container. Each member gets its
 * own PersistentVolumeClaim `<claim>-<name>-<ordinal>`, which outlives the pod.
 */
export interface VolumeClaimOptions {
  /**
   * The claim template name (`metadata.name`), a DNS-1123 label, and the name of
   * the main container's volume mount.
   */
  readonly name: string;

  /**
   * The requested size (`spec.resources.requests.storage`), written in the largest
   * binary unit that keeps it whole (`Size.gibibytes(10)` becomes `10Gi`).
   */
  readonly size: Size;

  /**
   * Where the main container mounts the volume (`volumeMounts[].mountPath`), an
   * absolute path no other mount of the main container uses. For a block volume,
   * the device path (`volumeDevices[].devicePath`).
   */
  readonly mountPath: string;

  /**
   * A directory inside the volume to mount instead of its root (`volumeMounts[].subPath`).
   * Not for block volumes.
   *
   * @default - the root of the volume
   */
  readonly subPath?: string;

  /**
   * The StorageClass (`spec.storageClassName`): its name, a DNS subdomain, or `''` for
   * no class (a statically provisioned volume).
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
   * A file system or a raw block device (`spec.volumeMode`). A block volume is
   * attached with `volumeDevices` instead of `volumeMounts`.
   *
   * @default - unset: Kubernetes uses `Filesystem`
   */
  readonly volumeMode?: kplus.PersistentVolumeMode;
}

/**
 * What happens to the members' PersistentVolumeClaims (a field of
 * `spec.persistentVolumeClaimRetentionPolicy`, beta and on by default since Kubernetes 1.27).
 */
export enum ClaimRetention {
  /** The claims, and the data, stay. */
  RETAIN = 'Retain',

  /** The claims are deleted; whether the data goes too depends on the volume's reclaim policy. */
  DELETE = 'Delete',
}

/**
 * Persistent storage of the members.
 */
export interface StorageOptions {
  /**
   * The volumes every member gets (`spec.volumeClaimTemplates`), mounted in the main container.
   */
  readonly claims: VolumeClaimOptions[];

  /**
   * What happens to the claims when the StatefulSet is deleted
   * (`spec.persistentVolumeClaimRetentionPolicy.whenDeleted`).
   *
   * @default ClaimRetention.RETAIN
   */
  readonly whenDeleted?: ClaimRetention;

  /**
   * What happens to the claims of the members removed by a scale-down
   * (`spec.persistentVolumeClaimRetentionPolicy.whenScaled`).
   *
   * @default ClaimRetention.RETAIN
   */
  readonly whenScaled?: ClaimRetention;

  /**
   * The group that owns the volumes (the pod's `securityContext.fsGroup`). Kubernetes
   * makes the volumes group-writable for it and adds it to every container's
   * supplementary groups, so a non-root process can write whatever its own user id.
   *
   * @default - the main container's `securityContext.group`, otherwise 1000
   */
  readonly fsGroup?: number;

  /**
   * When Kubernetes changes the owner of the volume's files to `fsGroup`
   * (the pod's `securityContext.fsGroupChangePolicy`). `ON_ROOT_MISMATCH` skips the
   * recursive walk when the volume root is already right, which keeps restarts fast
   * with large volumes.
   *
   * @default kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH
   */
  readonly fsGroupChangePolicy?: kplus.FsGroupChangePolicy;
}
