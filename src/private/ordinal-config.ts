import { createHash } from 'crypto';
import { ApiObject, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { configScript } from './config-script';
import { POD_NAME_ENV } from './member-env';
import { PodSecurityPatches } from './security';
import { Problems, show } from './validation';
import type { OrderedStatefulApp } from '../ordered-stateful-app';
import { PodSecurity } from '../pod-security';

/** The pod template annotation that changes whenever any config file changes. */
export const CONFIG_CHECKSUM_ANNOTATION = 'stateful-topology.cdk8s.io/config-checksum';

/** The image of the config init container: a POSIX shell and `cp`, nothing else needed. */
export const DEFAULT_CONFIG_INIT_IMAGE = 'busybox:1.36.1';

/** The API server refuses ConfigMaps whose keys and values add up to more than 1 MiB. */
export const MAX_CONFIG_MAP_BYTES = 1024 * 1024;

/** The numeric non-root user and group of the init container (`nobody` in busybox). */
const INIT_USER = 65534;
const SOURCE_PATH = '/config-source';
const TARGET_PATH = '/config';
const MAX_KEY_LENGTH = 253;

/** Where a file goes, and which method added it (for error messages). */
interface ConfigFile {
  readonly method: 'addSharedFile' | 'addOrdinalFile' | 'addDefaultFile';
  readonly scope: string;
  readonly ordinal?: number;
  readonly name: string;
  readonly content: string;
}

/**
 * What is wrong with a config file name, or undefined when it is a valid ConfigMap
 * key that is also a plain file name.
 */
export function configFileNameProblem(name: string): string | undefined {
  if (!/^[-._a-zA-Z0-9]+$/.test(name)) {
    return 'must have only letters, digits, \'-\', \'_\' and \'.\' (a ConfigMap key, no \'/\')';
  }
  if (name === '.' || name.startsWith('..')) {
    return 'must not be \'.\' nor start with \'..\'';
  }
  return undefined;
}

/**
 * Per-member configuration files of an `OrderedStatefulApp`.
 *
 * Design: one ConfigMap `<name>-config` holds every file once, keyed by scope
 * (`shared.<file>`, `<pod>.<file>`, `default.<file>`). A small init container copies
 * what its pod should see into an emptyDir, which the main container mounts read-only.
 * A `subPathExpr: $(POD_NAME)` mount of the ConfigMap would need no init container,
 * but cannot serve a pod the YAML does not know (after `kubectl scale`): kubelet
 * would mount an empty directory and the app would start silently unconfigured.
 * The init container gives such a pod the defaults, or stops it with a log line
 * naming the files it lacks. It needs a shell and `cp`, so it runs a pinned busybox
 * image as a numeric non-root user, whatever the app image has.
 *
 * Nothing is added until the first file is: an app without files has no ConfigMap,
 * no init container and no volume.
 */
export class OrdinalConfig extends Construct {
  private readonly files: ConfigFile[] = [];
  private volume?: kplus.Volume;

  constructor(private readonly app: OrderedStatefulApp, id: string,
    private readonly mountPath: string | undefined, private readonly initImage: string) {
    super(app, id);
    this.node.addValidation({ validate: () => this.problems() });
  }

  /** Adds a file that every pod sees. */
  public addShared(name: string, content: string): void {
    this.add({ method: 'addSharedFile', scope: 'shared', name, content });
  }

  /** Adds a file that only the pod with this ordinal sees. */
  public addOrdinal(ordinal: number, name: string, content: string): void {
    this.add({ method: 'addOrdinalFile', scope: `${this.app.name}-${ordinal}`, ordinal, name, content });
  }

  /** Adds a file that every pod without its own file of this name sees. */
  public addDefault(name: string, content: string): void {
    this.add({ method: 'addDefaultFile', scope: 'default', name, content });
  }

  private add(file: ConfigFile): void {
    this.files.push(file);
    if (!this.volume) {
      this.volume = this.attach();
    }
  }

  /** The ConfigMap data: every file once, keys sorted. */
  private data(): { [key: string]: string } {
    const data: { [key: string]: string } = {};
    for (const file of [...this.files].sort((a, b) => key(a).localeCompare(key(b)))) {
      data[key(file)] = file.content;
    }
    return data;
  }

  /** The sha256 of the ConfigMap data: a new value rolls the members in order. */
  private checksum(): string {
    return createHash('sha256').update(JSON.stringify(Object.entries(this.data()))).digest('hex');
  }

  /** Adds the ConfigMap, the volumes, the init container and the mount; returns the emptyDir. */
  private attach(): kplus.Volume {
    const app = this.app;
    const configMapName = `${app.name}-config`;
    const configMap = new ApiObject(this, 'ConfigMap', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: configMapName, namespace: app.namespace, labels: app.statefulSet.metadata.toJson().labels },
      data: Lazy.any({ produce: () => this.data() }),
    });
    const statefulSet = ApiObject.of(app.statefulSet);
    statefulSet.addDependency(configMap);

    const source = kplus.Volume.fromConfigMap(this, 'SourceVolume',
      kplus.ConfigMap.fromConfigMapName(this, 'ConfigMapRef', configMapName),
      { name: 'member-config-source', defaultMode: 0o444 });
    const target = kplus.Volume.fromEmptyDir(this, 'Volume', 'member-config');
    const index = app.statefulSet.initContainers.length;
    app.statefulSet.addInitContainer({
      name: 'member-config',
      image: this.initImage,
      command: ['sh', '-c', configScript(app.name, app.ordinals.map(o => `${app.name}-${o}`)), 'copy-config', SOURCE_PATH, TARGET_PATH],
      envVariables: { [POD_NAME_ENV]: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME) },
      securityContext: {
        user: INIT_USER,
        group: INIT_USER,
        ensureNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        privileged: false,
      },
      resources: {
        cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(100) },
        memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) },
      },
      volumeMounts: [
        { path: SOURCE_PATH, volume: source, readOnly: true },
        { path: TARGET_PATH, volume: target },
      ],
    });
    // The init container needs nothing the restricted standard takes away, whatever the app's level.
    new PodSecurityPatches(statefulSet, PodSecurity.RESTRICTED).container('initContainers', index, undefined);
    if (this.mountPath !== undefined) {
      app.mainContainer.mount(this.mountPath, target, { readOnly: true });
    }
    app.statefulSet.podMetadata.addAnnotation(CONFIG_CHECKSUM_ANNOTATION, Lazy.any({ produce: () => this.checksum() }));
    return target;
  }

  /** Every problem with the files added so far, as one message, or none. */
  private problems(): string[] {
    const problems = new Problems(this.app.node.path, 'config files');
    const problem = (property: string, message: string) => problems.add(property, message);
    if (this.files.length > 0 && this.mountPath === undefined) {
      const names = this.files.map(f => show(f.name)).join(', ');
      problem('configMountPath', `must be set to the directory where the main container sees its config files, got undefined while files were added: ${names}`);
    }
    this.checkMountConflicts(problem);
    const first = this.app.startOrdinal;
    const last = first + this.app.replicas - 1;
    const seen = new Map<string, ConfigFile>();
    const sharedNames = new Set(this.files.filter(f => f.scope === 'shared').map(f => f.name));
    for (const file of this.files) {
      const nameProblem = configFileNameProblem(file.name);
      if (nameProblem) {
        problem(`${file.method}.name`, `${nameProblem}, got ${show(file.name)}`);
      } else if (key(file).length > MAX_KEY_LENGTH) {
        problem(`${file.method}.name`, `makes the ConfigMap key ${show(key(file))} longer than ${MAX_KEY_LENGTH} characters: shorten the name`);
      }
      if (file.ordinal !== undefined && !(Number.isInteger(file.ordinal) && file.ordinal >= first && file.ordinal <= last)) {
        problem(`${file.method}.ordinal`, `must be the ordinal of a synthesized member, from ${first} to ${last}, got ${show(file.ordinal)} for the file ${show(file.name)}: `
          + 'add more replicas, or give pods the YAML does not know a file with addDefaultFile');
      }
      const previous = seen.get(key(file));
      if (previous) {
        const where = file.ordinal === undefined ? `${file.method}()` : `ordinal ${file.ordinal}`;
        problem(`${file.method}.name`, `must be added once per scope, got ${show(file.name)} twice for ${where}`);
      }
      seen.set(key(file), file);
      if (file.scope !== 'shared' && sharedNames.has(file.name)) {
        problem(`${file.method}.name`, `must not be the name of a shared file, which every pod already sees, got ${show(file.name)}: `
          + 'use addOrdinalFile and addDefaultFile alone for a file that differs between members');
      }
    }
    const bytes = Object.entries(this.data()).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    if (bytes > MAX_CONFIG_MAP_BYTES) {
      problem('files', `must add up to at most ${MAX_CONFIG_MAP_BYTES} bytes (keys and values of the ConfigMap '${this.app.name}-config'), got ${bytes}`);
    }
    return problems.toValidationErrors();
  }

  /** The config mount must not be, contain or lie under another mount of the main container. */
  private checkMountConflicts(problem: (property: string, message: string) => void): void {
    if (this.mountPath === undefined || this.files.length === 0) {
      return;
    }
    const mine = trimSlash(this.mountPath);
    for (const mount of this.app.mainContainer.mounts) {
      if (mount.volume === this.volume) {
        continue;
      }
      const other = trimSlash(mount.path);
      if (mine === other || mine.startsWith(`${other}/`) || other.startsWith(`${mine}/`)) {
        problem('configMountPath', `must not be, contain or lie under another mount of the main container, got ${show(this.mountPath)}, `
          + `which overlaps ${show(mount.path)} (volume ${show(mount.volume.name)})`);
      }
    }
  }
}

function key(file: ConfigFile): string {
  return `${file.scope}.${file.name}`;
}

/** The path without trailing slashes: '/' becomes '', under which every path lies. */
function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}
