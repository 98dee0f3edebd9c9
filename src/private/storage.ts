import { ApiObject, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { OrderedStatefulApp } from '../ordered-stateful-app';
import { ClaimRetention, StorageOptions } from '../storage';
import { editFinalJson } from './final-json';

/** The fsGroup when neither `storage.fsGroup` nor the main container's group is set. */
export const DEFAULT_FS_GROUP = 1000;

const UNITS: Array<[string, (size: Size) => number]> = [
  ['Pi', s => s.toPebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Ti', s => s.toTebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Gi', s => s.toGibibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Mi', s => s.toMebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Ki', s => s.toKibibytes({ rounding: SizeRoundingBehavior.NONE })],
];

/**
 * The Kubernetes quantity of a size, in the largest binary unit that keeps it whole
 * (`10Gi`, `1536Mi`), or undefined when it is not a positive whole number of KiB.
 */
export function storageQuantity(size: Size): string | undefined {
  for (const [suffix, convert] of UNITS) {
    try {
      const amount = convert(size);
      if (amount > 0 && Number.isInteger(amount)) {
        return `${amount}${suffix}`;
      }
    } catch {
      // not a whole number of this unit: try the next smaller one
    }
  }
  return undefined;
}

/**
 * Writes the volume claim templates, the claim retention policy, the main container's
 * mounts (or devices, for block volumes) and the pod's fsGroup into the StatefulSet.
 */
export function applyStorage(app: OrderedStatefulApp, storage: StorageOptions, containerGroup: number | undefined): void {
  const templates = storage.claims.map(claim => ({
    metadata: { name: claim.name },
    spec: {
      accessModes: claim.accessModes ?? [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
      resources: { requests: { storage: storageQuantity(claim.size) } },
      ...(claim.storageClassName === undefined ? {} : { storageClassName: claim.storageClassName }),
      ...(claim.volumeMode === undefined ? {} : { volumeMode: claim.volumeMode }),
    },
  }));
  const isBlock = (mode: kplus.PersistentVolumeMode | undefined) => mode === kplus.PersistentVolumeMode.BLOCK;
  const mounts = storage.claims.filter(c => !isBlock(c.volumeMode)).map(c => ({
    name: c.name,
    mountPath: c.mountPath,
    ...(c.subPath === undefined ? {} : { subPath: c.subPath }),
  }));
  const devices = storage.claims.filter(c => isBlock(c.volumeMode)).map(c => ({ name: c.name, devicePath: c.mountPath }));
  const containerName = app.mainContainer.name;
  editFinalJson(ApiObject.of(app.statefulSet), json => {
    json.spec.volumeClaimTemplates = templates;
    json.spec.persistentVolumeClaimRetentionPolicy = {
      whenDeleted: storage.whenDeleted ?? ClaimRetention.RETAIN,
      whenScaled: storage.whenScaled ?? ClaimRetention.RETAIN,
    };
    const podSpec = json.spec.template.spec;
    podSpec.securityContext = {
      ...podSpec.securityContext,
      fsGroup: storage.fsGroup ?? containerGroup ?? DEFAULT_FS_GROUP,
      fsGroupChangePolicy: storage.fsGroupChangePolicy ?? kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH,
    };
    const main = podSpec.containers.find((c: { name: string }) => c.name === containerName);
    if (mounts.length > 0) {
      main.volumeMounts = [...main.volumeMounts ?? [], ...mounts];
    }
    if (devices.length > 0) {
      main.volumeDevices = [...main.volumeDevices ?? [], ...devices];
    }
  });
}
