import { createHash } from 'crypto';
import { ApiObject, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppContext } from './app-context';
import { configScript } from './config-script';
import { unpinnedImageProblem } from '../ground/images';
import {
  CONFIG_CHECKSUM_ANNOTATION, CONFIG_INIT_CONTAINER, CONFIG_SOURCE_PATH, CONFIG_SOURCE_VOLUME, CONFIG_TARGET_PATH, CONFIG_VOLUME,
  configFileNameProblem, configKey, configMapName, DEFAULT_SCOPE, MAX_CONFIG_KEY_LENGTH, MAX_CONFIG_MAP_BYTES, SHARED_SCOPE,
} from '../ground/member-config';
import { MEMBER_ENV_NAMES, POD_NAME_ENV } from '../ground/member-env';
import { Problems, show } from '../ground/problems';
import { OrderedStatefulAppProps } from '../ordered-stateful-app-props';
import { PodSecurity } from '../pod-security';

/** The image of the config init container: a POSIX shell and `cp`, nothing else needed. */
export const DEFAULT_CONFIG_INIT_IMAGE = 'busybox:1.36.1';

/** The numeric non-root user and group of the init container (`nobody` in busybox). */
const INIT_USER = 65534;

/** Where a file goes, and which method added it (for error messages). */
interface ConfigFile {
  readonly method: 'addSharedFile' | 'addOrdinalFile' | 'addDefaultFile';
  readonly scope: string;
  readonly ordinal?: number;
  readonly name: string;
  readonly content: string;
}

/** Checks the props that configure the member config: the mount path, the init image, the member variables. */
export function checkConfigProps(problems: Problems, props: OrderedStatefulAppProps): void {
  const path = props.configMountPath;
  if (path !== undefined) {
    problems.check(path.startsWith('/') && !path.includes(':'), 'configMountPath',
      `must be an absolute path without ':', got ${show(path)}`);
  }
  const image = props.configInitImage;
  const problem = image === undefined || props.allowUnpinnedImages ? undefined : unpinnedImageProblem(image);
  problems.check(problem === undefined, 'configInitImage',
    `must be pinned to a tag other than 'latest' or to a digest, got ${show(image)}, which ${problem}`);
  for (const name of MEMBER_ENV_NAMES) {
    problems.check(props.container.envVariables?.[name] === undefined, `container.envVariables.${name}`,
      `cannot be set: the library sets ${name} in every member, got ${show(props.container.envVariables?.[name]?.value ?? 'a value')}`);
  }
}

/**
 * Per-member configuration files of an app, laid out as `src/ground/member-config.ts` describes.
 *
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
export class MemberConfig extends Construct {
  private readonly files: ConfigFile[] = [];
  private readonly mountPath?: string;
  private volume?: kplus.Volume;

  constructor(private readonly app: AppContext, id: string) {
    super(app.scope, id);
    this.mountPath = app.props.configMountPath;
    this.node.addValidation({ validate: () => this.problems() });
  }

  /** Adds a file that every pod sees. */
  public addShared(name: string, content: string): void {
    this.add({ method: 'addSharedFile', scope: SHARED_SCOPE, name, content });
  }

  /** Adds a file that only the pod with this ordinal sees. */
  public addOrdinal(ordinal: number, name: string, content: string): void {
    this.add({ method: 'addOrdinalFile', scope: this.app.identity.podName(ordinal), ordinal, name, content });
  }

  /** Adds a file that every pod without its own file of this name sees. */
  public addDefault(name: string, content: string): void {
    this.add({ method: 'addDefaultFile', scope: DEFAULT_SCOPE, name, content });
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
    const { identity, metadata, statefulSet } = this.app;
    const name = configMapName(identity.name);
    const configMap = new ApiObject(this, 'ConfigMap', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { ...metadata, name },
      data: Lazy.any({ produce: () => this.data() }),
    });
    ApiObject.of(statefulSet).addDependency(configMap);

    const source = kplus.Volume.fromConfigMap(this, 'SourceVolume', kplus.ConfigMap.fromConfigMapName(this, 'ConfigMapRef', name),
      { name: CONFIG_SOURCE_VOLUME, defaultMode: 0o444 });
    const target = kplus.Volume.fromEmptyDir(this, 'Volume', CONFIG_VOLUME);
    const pods = identity.ordinals.map(o => identity.podName(o));
    // The init container needs nothing the restricted standard takes away, whatever the app's level.
    this.app.writer.addInitContainer({
      name: CONFIG_INIT_CONTAINER,
      image: this.app.props.configInitImage ?? DEFAULT_CONFIG_INIT_IMAGE,
      command: ['sh', '-c', configScript(identity.name, pods), 'copy-config', CONFIG_SOURCE_PATH, CONFIG_TARGET_PATH],
      envVariables: { [POD_NAME_ENV]: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME) },
      securityContext: { user: INIT_USER, group: INIT_USER, readOnlyRootFilesystem: true },
      resources: {
        cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(100) },
        memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) },
      },
      volumeMounts: [
        { path: CONFIG_SOURCE_PATH, volume: source, readOnly: true },
        { path: CONFIG_TARGET_PATH, volume: target },
      ],
    }, { level: PodSecurity.RESTRICTED });
    if (this.mountPath !== undefined) {
      this.app.mainContainer.mount(this.mountPath, target, { readOnly: true });
    }
    statefulSet.podMetadata.addAnnotation(CONFIG_CHECKSUM_ANNOTATION, Lazy.any({ produce: () => this.checksum() }));
    return target;
  }

  /** Every problem with the files added so far, as one message, or none. */
  private problems(): string[] {
    const problems = new Problems(this.app.scope.node.path, 'config files');
    const problem = (property: string, message: string) => problems.add(property, message);
    if (this.files.length > 0 && this.mountPath === undefined) {
      const names = this.files.map(f => show(f.name)).join(', ');
      problem('configMountPath', `must be set to the directory where the main container sees its config files, got undefined while files were added: ${names}`);
    }
    this.checkMountConflicts(problem);
    const { identity } = this.app;
    const seen = new Map<string, ConfigFile>();
    const sharedNames = new Set(this.files.filter(f => f.scope === SHARED_SCOPE).map(f => f.name));
    for (const file of this.files) {
      const nameProblem = configFileNameProblem(file.name);
      if (nameProblem) {
        problem(`${file.method}.name`, `${nameProblem}, got ${show(file.name)}`);
      } else if (key(file).length > MAX_CONFIG_KEY_LENGTH) {
        problem(`${file.method}.name`, `makes the ConfigMap key ${show(key(file))} longer than ${MAX_CONFIG_KEY_LENGTH} characters: shorten the name`);
      }
      if (file.ordinal !== undefined && !identity.isMember(file.ordinal)) {
        problem(`${file.method}.ordinal`, `must be the ordinal of a synthesized member, from ${identity.startOrdinal} to ${identity.lastOrdinal}, got ${show(file.ordinal)} for the file ${show(file.name)}: `
          + 'add more replicas, or give pods the YAML does not know a file with addDefaultFile');
      }
      const previous = seen.get(key(file));
      if (previous) {
        const where = file.ordinal === undefined ? `${file.method}()` : `ordinal ${file.ordinal}`;
        problem(`${file.method}.name`, `must be added once per scope, got ${show(file.name)} twice for ${where}`);
      }
      seen.set(key(file), file);
      if (file.scope !== SHARED_SCOPE && sharedNames.has(file.name)) {
        problem(`${file.method}.name`, `must not be the name of a shared file, which every pod already sees, got ${show(file.name)}: `
          + 'use addOrdinalFile and addDefaultFile alone for a file that differs between members');
      }
    }
    const bytes = Object.entries(this.data()).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    if (bytes > MAX_CONFIG_MAP_BYTES) {
      problem('files', `must add up to at most ${MAX_CONFIG_MAP_BYTES} bytes (keys and values of the ConfigMap '${configMapName(identity.name)}'), got ${bytes}`);
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
  return configKey(file.scope, file.name);
}

/** The path without trailing slashes: '/' becomes '', under which every path lies. */
function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}
