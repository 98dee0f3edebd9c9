import { JsonPatch, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ProductionPart } from './part';
import { mountPathProblem, normalMountPath } from '../../ground/mount-paths';
import { isDns1123Label, isDns1123Subdomain, MAX_LABEL_LENGTH } from '../../ground/names';
import { isIntegerIn, MAX_INT32 } from '../../ground/numbers';
import { Problems, show } from '../../ground/problems';
import { ClaimRetention } from '../../storage';
import { checkChoice, checkSize } from '../checks';
import { storageQuantity } from '../sizes';

/** The fsGroup when neither `storage.fsGroup` nor the main container's group is set. */
const DEFAULT_FS_GROUP = 1000;

function checkAccessModes(problems: Problems, property: string, accessModes: kplus.PersistentVolumeAccessMode[] | undefined): void {
  if (accessModes === undefined) {
    return;
  }
  problems.check(accessModes.length > 0, property, 'must list at least one access mode, got []');
  accessModes.forEach((mode, i) => {
    checkChoice(problems, `${property}[${i}]`, mode, Object.values(kplus.PersistentVolumeAccessMode));
    problems.check(accessModes.indexOf(mode) === i, `${property}[${i}]`, `must list each access mode once, got ${show(mode)} twice`);
  });
  problems.check(!accessModes.includes(kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD) || accessModes.length === 1, property,
    `must not list ReadWriteOncePod with other access modes, got ${show(accessModes)}`);
}

function isBlock(mode: kplus.PersistentVolumeMode | undefined): boolean {
  return mode === kplus.PersistentVolumeMode.BLOCK;
}

/**
 * The members' persistent volumes: claim templates and their mounts (or devices, for block
 * volumes) in the main container, the claim retention policy, and the pod's fsGroup.
 */
export const STORAGE: ProductionPart = {
  // A member's claim `<claim>-<pod>` has at most 63 + 1 + 63 characters, always within the
  // 253 of a PersistentVolumeClaim name, so claim names need no further length check.
  check(problems, props) {
    const storage = props.storage;
    if (!storage) {
      return;
    }
    problems.check(storage.claims.length > 0, 'storage.claims', 'must have at least one claim, got []');
    const names = new Set<string>();
    const paths = new Map<string, string>((props.container.volumeMounts ?? []).map((m, i) => [normalMountPath(m.path), `container.volumeMounts[${i}]`]));
    storage.claims.forEach((claim, i) => {
      const property = `storage.claims[${i}]`;
      problems.check(isDns1123Label(claim.name), `${property}.name`,
        `must be a DNS-1123 label (lowercase letters, digits and '-', alphanumeric at both ends, at most ${MAX_LABEL_LENGTH} characters), got ${show(claim.name)}`);
      problems.check(!names.has(claim.name), `${property}.name`, `must be unique, got ${show(claim.name)} twice`);
      names.add(claim.name);
      if (checkSize(problems, `${property}.size`, claim.size)) {
        problems.check(storageQuantity(claim.size) !== undefined, `${property}.size`,
          `must be a positive whole number of KiB below 8 EiB, got ${claim.size.toKibibytes({ rounding: SizeRoundingBehavior.NONE })} KiB`);
      }
      if (claim.storageClassName !== undefined) {
        problems.check(claim.storageClassName === '' || isDns1123Subdomain(claim.storageClassName), `${property}.storageClassName`,
          'must be the name of a StorageClass, a DNS subdomain (lowercase letters, digits, \'-\' and \'.\'), '
          + `or '' for no class, got ${show(claim.storageClassName)}`);
      }
      checkChoice(problems, `${property}.volumeMode`, claim.volumeMode, Object.values(kplus.PersistentVolumeMode));
      const pathProblem = mountPathProblem(claim.mountPath);
      if (pathProblem) {
        problems.add(`${property}.mountPath`, `${pathProblem}, got ${show(claim.mountPath)}`);
      } else {
        const owner = paths.get(normalMountPath(claim.mountPath));
        problems.check(owner === undefined, `${property}.mountPath`,
          `must not be used by another mount of the main container, got ${show(claim.mountPath)}, which ${owner} uses`);
        paths.set(normalMountPath(claim.mountPath), property);
      }
      if (claim.subPath !== undefined) {
        problems.check(!isBlock(claim.volumeMode), `${property}.subPath`, `cannot be used with a block volume, got ${show(claim.subPath)}`);
        problems.check(!claim.subPath.startsWith('/') && !claim.subPath.split('/').includes('..'), `${property}.subPath`,
          `must be a relative path without '..', got ${show(claim.subPath)}`);
      }
      checkAccessModes(problems, `${property}.accessModes`, claim.accessModes);
    });
    if (storage.fsGroup !== undefined) {
      problems.check(isIntegerIn(storage.fsGroup, 1, MAX_INT32), 'storage.fsGroup',
        `must be an integer from 1 to ${MAX_INT32} (0 is the root group), got ${show(storage.fsGroup)}`);
    }
    const retention = Object.values(ClaimRetention);
    checkChoice(problems, 'storage.whenDeleted', storage.whenDeleted, retention);
    checkChoice(problems, 'storage.whenScaled', storage.whenScaled, retention);
    checkChoice(problems, 'storage.fsGroupChangePolicy', storage.fsGroupChangePolicy, Object.values(kplus.FsGroupChangePolicy));
  },

  statefulSetProps(props) {
    const storage = props.storage;
    return storage ? {
      securityContext: {
        fsGroup: storage.fsGroup ?? props.container.securityContext?.group ?? DEFAULT_FS_GROUP,
        fsGroupChangePolicy: storage.fsGroupChangePolicy ?? kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH,
      },
    } : {};
  },

  apply(app) {
    const storage = app.props.storage;
    if (!storage) {
      return {};
    }
    app.writer.patch(JsonPatch.add('/spec/persistentVolumeClaimRetentionPolicy', {
      whenDeleted: storage.whenDeleted ?? ClaimRetention.RETAIN,
      whenScaled: storage.whenScaled ?? ClaimRetention.RETAIN,
    }));
    // Written as the API server stores them, so that GitOps controllers see no difference;
    // the claim templates of an adopted StatefulSet as they are live, which the checks hold
    // the claims to (a live StatefulSet cannot change them).
    const live = app.props.adopt?._live().claims ?? [];
    const templates = storage.claims.map(claim => live.find(was => was.name === claim.name)?.stored ?? ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: claim.name },
      spec: {
        accessModes: claim.accessModes ?? [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
        resources: { requests: { storage: storageQuantity(claim.size) } },
        ...(claim.storageClassName === undefined ? {} : { storageClassName: claim.storageClassName }),
        volumeMode: claim.volumeMode ?? kplus.PersistentVolumeMode.FILE_SYSTEM,
      },
    }));
    // Paths as given, as the API server stores them; the checks compare their normal forms.
    const mounts = storage.claims.filter(c => !isBlock(c.volumeMode)).map(c => ({
      name: c.name,
      mountPath: c.mountPath,
      ...(c.subPath === undefined ? {} : { subPath: c.subPath }),
    }));
    const devices = storage.claims.filter(c => isBlock(c.volumeMode)).map(c => ({ name: c.name, devicePath: c.mountPath }));
    const containerName = app.mainContainer.name;
    app.writer.afterSerialization(json => {
      json.spec.volumeClaimTemplates = templates;
      const main = json.spec.template.spec.containers.find((c: { name: string }) => c.name === containerName);
      if (mounts.length > 0) {
        main.volumeMounts = [...main.volumeMounts ?? [], ...mounts];
      }
      if (devices.length > 0) {
        main.volumeDevices = [...main.volumeDevices ?? [], ...devices];
      }
    });
    return {};
  },
};
