import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClaimRetention, OrderedStatefulApp, StorageOptions, VolumeClaimOptions } from '../src';
import { emptyDir, expectInvalidProps, IMAGE, synthApp, WEB_PORT, webProps } from './app-fixtures';
import { findContainer, findObject, newChart, restrictedViolations, schemaErrors, synth } from './util';

const DATA: VolumeClaimOptions = { name: 'data', size: Size.gibibytes(10), mountPath: '/var/lib/data' };

function withClaims(...claims: VolumeClaimOptions[]): Partial<StorageOptions> & { claims: VolumeClaimOptions[] } {
  return { claims };
}

/** The main container with an emptyDir mounted at /tmp. */
function tmpMountContainer(): kplus.ContainerProps {
  return { image: IMAGE, ports: [WEB_PORT], volumeMounts: [{ path: '/tmp', volume: emptyDir('tmp') }] };
}

describe('volume claim templates', () => {
  test('every field of a claim reaches the YAML', () => {
    const { sts } = synthApp({
      storage: withClaims({
        ...DATA,
        storageClassName: 'fast-ssd',
        accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD],
        volumeMode: kplus.PersistentVolumeMode.FILE_SYSTEM,
      }),
    });
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: {
        accessModes: ['ReadWriteOncePod'],
        resources: { requests: { storage: '10Gi' } },
        storageClassName: 'fast-ssd',
        volumeMode: 'Filesystem',
      },
    }]);
  });

  test('a claim defaults to ReadWriteOnce on the default StorageClass, as a file system', () => {
    const { sts } = synthApp({ storage: withClaims(DATA) });
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, volumeMode: 'Filesystem' });
  });

  test('claim templates are written as the API server stores them, so GitOps controllers see no difference', () => {
    const { sts } = synthApp({ storage: withClaims(DATA) });
    expect(sts.spec.volumeClaimTemplates[0]).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: { volumeMode: 'Filesystem' } });
  });

  test('sizes are written in the largest whole binary unit', () => {
    const { sts } = synthApp({
      storage: withClaims(
        { name: 'a', size: Size.mebibytes(1536), mountPath: '/a' },
        { name: 'b', size: Size.tebibytes(2), mountPath: '/b' },
        { name: 'c', size: Size.kibibytes(1000), mountPath: '/c' },
      ),
    });
    expect(sts.spec.volumeClaimTemplates.map((t: any) => t.spec.resources.requests.storage)).toEqual(['1536Mi', '2Ti', '1000Ki']);
  });

  test('the main container mounts every claim by its name, with its subPath', () => {
    const { podSpec } = synthApp({
      storage: withClaims(DATA, { name: 'wal', size: Size.gibibytes(1), mountPath: '/var/lib/wal', subPath: 'wal' }),
    });
    expect(findContainer(podSpec, 'web').volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/data' },
      { name: 'wal', mountPath: '/var/lib/wal', subPath: 'wal' },
    ]);
    expect(podSpec.volumes).toBeUndefined();
  });

  test('claim mounts come after the mounts of the container props', () => {
    const chart = newChart();
    new OrderedStatefulApp(chart, 'web', {
      container: { image: IMAGE, ports: [WEB_PORT], volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(chart, 'tmp', 'tmp') }] },
      storage: withClaims(DATA),
    });
    const podSpec = findObject(synth(chart), 'StatefulSet', 'web').spec.template.spec;
    expect(findContainer(podSpec, 'web').volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'data', mountPath: '/var/lib/data' },
    ]);
  });

  test('mounts added through the main container after construction are kept', () => {
    const chart = newChart();
    const app = new OrderedStatefulApp(chart, 'web', webProps({ storage: withClaims(DATA) }));
    app.mainContainer.mount('/tmp', kplus.Volume.fromEmptyDir(chart, 'tmp', 'tmp'));
    const podSpec = findObject(synth(chart), 'StatefulSet', 'web').spec.template.spec;
    expect(findContainer(podSpec, 'web').volumeMounts.map((m: any) => m.name)).toEqual(['tmp', 'data']);
  });

  test('a block volume is attached as a device', () => {
    const { podSpec, sts } = synthApp({
      storage: withClaims({ name: 'raw', size: Size.gibibytes(5), mountPath: '/dev/xvda', volumeMode: kplus.PersistentVolumeMode.BLOCK }),
    });
    expect(sts.spec.volumeClaimTemplates[0].spec.volumeMode).toEqual('Block');
    expect(findContainer(podSpec, 'web').volumeDevices).toEqual([{ name: 'raw', devicePath: '/dev/xvda' }]);
    expect(findContainer(podSpec, 'web').volumeMounts).toBeUndefined();
  });

  test('there are no claims, retention policy or fsGroup without storage', () => {
    const { podSpec, sts } = synthApp();
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toBeUndefined();
    expect(podSpec.securityContext.fsGroup).toBeUndefined();
  });
});

describe('claim retention', () => {
  test('claims are retained on delete and on scale-down by default', () => {
    const { sts } = synthApp({ storage: withClaims(DATA) });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
  });

  test('both retention fields reach the YAML', () => {
    const { sts } = synthApp({ storage: { claims: [DATA], whenDeleted: ClaimRetention.DELETE, whenScaled: ClaimRetention.DELETE } });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Delete' });
  });
});

describe('volume ownership', () => {
  test('fsGroup defaults to 1000 and fsGroupChangePolicy to OnRootMismatch', () => {
    const { podSpec } = synthApp({ storage: withClaims(DATA) });
    expect(podSpec.securityContext).toMatchObject({ fsGroup: 1000, fsGroupChangePolicy: 'OnRootMismatch', runAsNonRoot: true });
  });

  test('fsGroup follows the main container group', () => {
    const { podSpec } = synthApp({
      container: { image: IMAGE, ports: [WEB_PORT], securityContext: { user: 101, group: 101 } },
      storage: withClaims(DATA),
    });
    expect(podSpec.securityContext.fsGroup).toEqual(101);
  });

  test('fsGroup and its change policy can be set', () => {
    const { podSpec } = synthApp({ storage: { claims: [DATA], fsGroup: 2000, fsGroupChangePolicy: kplus.FsGroupChangePolicy.ALWAYS } });
    expect(podSpec.securityContext).toMatchObject({ fsGroup: 2000, fsGroupChangePolicy: 'Always' });
  });

  test('the output is valid and passes the restricted standard', () => {
    const { manifests, podSpec } = synthApp({ storage: { claims: [DATA], whenScaled: ClaimRetention.DELETE } }, 'prod');
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
    expect(restrictedViolations(podSpec)).toEqual([]);
  });
});

describe('storage validation', () => {
  test('fails when a claim name is not a DNS-1123 label or is repeated', () => {
    expectInvalidProps(webProps({ storage: withClaims({ ...DATA, name: 'Data' }, DATA, { ...DATA, mountPath: '/other' }) }),
      '\'storage.claims[0].name\' must be a DNS-1123 label (lowercase letters, digits and \'-\', alphanumeric at both ends, at most 63 characters), got \'Data\'',
      '\'storage.claims[2].name\' must be unique, got \'data\' twice');
  });

  test('fails when there is no claim', () => {
    expectInvalidProps(webProps({ storage: { claims: [] } }), '\'storage.claims\' must have at least one claim, got []');
  });

  test('fails when the size is zero or not a whole number of KiB', () => {
    expectInvalidProps(webProps({ storage: withClaims({ ...DATA, size: Size.kibibytes(0) }, { ...DATA, name: 'half', mountPath: '/h', size: Size.kibibytes(0.5) }) }),
      '\'storage.claims[0].size\' must be a positive whole number of KiB below 8 EiB, got 0 KiB',
      '\'storage.claims[1].size\' must be a positive whole number of KiB below 8 EiB, got 0.5 KiB');
  });

  test('fails when a mount path is relative or used twice', () => {
    expectInvalidProps(webProps({
      container: tmpMountContainer(),
      storage: withClaims({ ...DATA, mountPath: 'data' }, { ...DATA, name: 'tmp', mountPath: '/tmp' }),
    }),
    '\'storage.claims[0].mountPath\' must be an absolute path without \'..\' and \':\', got \'data\'',
    '\'storage.claims[1].mountPath\' must not be used by another mount of the main container, got \'/tmp\', which container.volumeMounts[0] uses');
  });

  test('fails when a mount path is the root directory', () => {
    expectInvalidProps(webProps({ storage: withClaims({ ...DATA, mountPath: '/' }) }),
      '\'storage.claims[0].mountPath\' must not be the root directory \'/\', which the volume would hide, got \'/\'');
  });

  test('fails when a mount path names the directory of another mount in another spelling', () => {
    expectInvalidProps(webProps({
      container: tmpMountContainer(),
      storage: withClaims({ ...DATA, mountPath: '/tmp/' }, { ...DATA, name: 'logs', mountPath: '/tmp/./' }),
    }),
    '\'storage.claims[0].mountPath\' must not be used by another mount of the main container, got \'/tmp/\', which container.volumeMounts[0] uses',
    '\'storage.claims[1].mountPath\' must not be used by another mount of the main container, got \'/tmp/./\', which storage.claims[0] uses');
  });

  test('writes a mount path as given, as the API server stores it', () => {
    const { podSpec } = synthApp({ storage: withClaims({ ...DATA, mountPath: '/data/' }) });
    expect(findContainer(podSpec, 'web').volumeMounts).toContainEqual({ name: 'data', mountPath: '/data/' });
  });

  test('fails when a subPath is absolute, escapes the volume or is given for a block volume', () => {
    expectInvalidProps(webProps({
      storage: withClaims(
        { ...DATA, subPath: '../etc' },
        { name: 'raw', size: Size.gibibytes(1), mountPath: '/dev/xvda', volumeMode: kplus.PersistentVolumeMode.BLOCK, subPath: 'x' },
      ),
    }),
    '\'storage.claims[0].subPath\' must be a relative path without \'..\', got \'../etc\'',
    '\'storage.claims[1].subPath\' cannot be used with a block volume, got \'x\'');
  });

  test('fails when access modes are empty or repeated', () => {
    const rwo = kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE;
    expectInvalidProps(webProps({ storage: withClaims({ ...DATA, accessModes: [] }, { ...DATA, name: 'b', mountPath: '/b', accessModes: [rwo, rwo] }) }),
      '\'storage.claims[0].accessModes\' must list at least one access mode, got []',
      '\'storage.claims[1].accessModes[1]\' must list each access mode once, got \'ReadWriteOnce\' twice');
  });

  test('fails when fsGroup is root or not an integer', () => {
    expectInvalidProps(webProps({ storage: { claims: [DATA], fsGroup: 0 } }),
      '\'storage.fsGroup\' must be an integer from 1 to 2147483647 (0 is the root group), got 0');
  });

  test('an empty StorageClass name asks for no class and is kept', () => {
    const { sts } = synthApp({ storage: withClaims({ ...DATA, storageClassName: '' }) });
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toEqual('');
  });

  test('fails when the StorageClass name is not a DNS subdomain', () => {
    expectInvalidProps(webProps({ storage: withClaims({ ...DATA, storageClassName: 'Fast_SSD' }) }),
      '\'storage.claims[0].storageClassName\' must be the name of a StorageClass, a DNS subdomain (lowercase letters, digits, \'-\' and \'.\'), '
      + 'or \'\' for no class, got \'Fast_SSD\'');
  });

  test('fails when ReadWriteOncePod is listed with another access mode', () => {
    const modes = [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD, kplus.PersistentVolumeAccessMode.READ_ONLY_MANY];
    expectInvalidProps(webProps({ storage: withClaims({ ...DATA, accessModes: modes }) }),
      '\'storage.claims[0].accessModes\' must not list ReadWriteOncePod with other access modes, got ["ReadWriteOncePod","ReadOnlyMany"]');
  });

  test('fails when a size is 8 EiB or more, which JavaScript cannot write exactly', () => {
    expectInvalidProps(webProps({ storage: withClaims({ ...DATA, size: Size.pebibyte(8192) }) }),
      '\'storage.claims[0].size\' must be a positive whole number of KiB below 8 EiB, got 9007199254740992 KiB');
  });

  test('fails when an enum value is unknown', () => {
    expectInvalidProps(webProps({ storage: { claims: [{ ...DATA, volumeMode: 'Raw' as kplus.PersistentVolumeMode }], whenScaled: 'Keep' as ClaimRetention } }),
      '\'storage.claims[0].volumeMode\' must be one of \'Filesystem\', \'Block\', got \'Raw\'',
      '\'storage.whenScaled\' must be one of \'Retain\', \'Delete\', got \'Keep\'');
  });
});
