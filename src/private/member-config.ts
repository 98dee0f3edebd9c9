import { createHash } from 'crypto';
import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppContext } from './app-context';
import { configScript, MOUNTED_FILES_ENV } from './config-script';
import { copyImage, copyResources } from './helper-containers';
import { memberEnvValues } from './member-env';
import { imageProblem } from '../ground/images';
import {
  CONFIG_CHECKSUM_ANNOTATION, CONFIG_INIT_CONTAINER, CONFIG_SOURCE_PATH, CONFIG_SOURCE_VOLUME, CONFIG_TARGET_PATH, CONFIG_VOLUME,
  configFileNameProblem, configKey, configMapName, DEFAULT_SCOPE, MAX_CONFIG_KEY_LENGTH, MAX_CONFIG_MAP_BYTES, MEMBERS_KEY,
  SHARED_SCOPE, TEMPLATE_SCOPE,
} from '../ground/member-config';
import { MEMBER_ENV_NAMES } from '../ground/member-env';
import { isWithinMount, mountPathProblem, normalMountPath } from '../ground/mount-paths';
import { Problems, show } from '../ground/problems';
import { compareStrings, textProblem } from '../ground/text';
import { MemberTemplate } from '../member-template';
import { OrderedStatefulAppProps } from '../ordered-stateful-app-props';
import { PodSecurity } from '../pod-security';

/** The numeric non-root user and group of the init container (`nobody` in busybox). */
const INIT_USER = 65534;

type Method = 'addSharedFile' | 'addOrdinalFile' | 'addDefaultFile' | 'addTemplateFile';

/** Where a file goes, and which method added it (for error messages). */
interface ConfigFile {
  readonly method: Method;
  readonly scope: string;
  readonly ordinal?: number;
  readonly name: string;
  readonly content: string;
  readonly template?: MemberTemplate;
}

/** A file the main container sees at a path of its own. */
interface FileMount {
  readonly name: string;
  readonly path: string;
}

/** Checks the props that configure the member config and the library's own containers: paths, images, the member variables. */
export function checkConfigProps(problems: Problems, props: OrderedStatefulAppProps): void {
  const dir = props.configMountPath;
  if (dir !== undefined) {
    const problem = mountPathProblem(dir);
    problems.check(problem === undefined, 'configMountPath', `${problem}, got ${show(dir)}`);
  }
  for (const [property, image] of [['configInitImage', props.configInitImage], ['waitImage', props.waitImage]]) {
    const problem = image === undefined ? undefined : imageProblem(image, props.allowUnpinnedImages === true);
    problems.check(problem === undefined, property!, problem!);
  }
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
 * The init container gives such a pod the shared files, the defaults and the templates,
 * or stops it with a log line naming the files it lacks. It needs a shell and `cp`, so it
 * runs a pinned busybox image as a numeric non-root user, whatever the app image has.
 *
 * Nothing is added until the first file is: an app without files has no ConfigMap,
 * no init container and no volume.
 */
export class MemberConfig extends Construct {
  private readonly files: ConfigFile[] = [];
  private readonly mounts: FileMount[] = [];
  private readonly mountPath?: string;
  private initContainer?: kplus.Container;

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

  /** Adds a file whose content every pod computes from its identity when it starts. */
  public addTemplate(name: string, template: MemberTemplate): void {
    this.add({ method: 'addTemplateFile', scope: TEMPLATE_SCOPE, name, content: template._toRecipe(), template });
  }

  /** Makes the file `name` also appear, read-only, at `mountPath` in the main container. */
  public mount(name: string, mountPath: string): void {
    this.mounts.push({ name, path: mountPath });
    this.app.writer.addLastMount(this.app.mainContainer.name, { name: CONFIG_VOLUME, mountPath, subPath: name, readOnly: true });
    this.initContainer?.env.addVariable(MOUNTED_FILES_ENV, kplus.EnvValue.fromValue(this.mountedFiles()));
  }

  private add(file: ConfigFile): void {
    this.files.push(file);
    if (!this.initContainer) {
      this.initContainer = this.attach();
    }
  }

  private mountedFiles(): string {
    return [...new Set(this.mounts.map(m => m.name))].join(' ');
  }

  /** The ConfigMap data: every file once, and the range of members; keys in code-unit order. */
  private data(): { [key: string]: string } {
    const { identity } = this.app;
    const entries: Array<[string, string]> = [
      ...this.files.map((file): [string, string] => [key(file), file.content]),
      [MEMBERS_KEY, `${identity.startOrdinal} ${identity.lastOrdinal}\n`],
    ];
    return Object.fromEntries(entries.sort(([a], [b]) => compareStrings(a, b)));
  }

  /**
   * The sha256 of every file: a new value rolls the members in order. The range of members
   * is left out, so that scaling alone rolls nobody (a member's own file, added for a new
   * member, does change it).
   */
  private checksum(): string {
    const files = Object.entries(this.data()).filter(([k]) => k !== MEMBERS_KEY);
    return createHash('sha256').update(JSON.stringify(files)).digest('hex');
  }

  /** Adds the ConfigMap, the volumes, the init container and the mount; returns the init container. */
  private attach(): kplus.Container {
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
    // The init container needs nothing the restricted standard takes away, whatever the app's level.
    const init = this.app.writer.addInitContainer({
      name: CONFIG_INIT_CONTAINER,
      image: copyImage(this.app.props),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      command: ['sh', '-c', configScript(identity.name), 'copy-config', CONFIG_SOURCE_PATH, CONFIG_TARGET_PATH],
      envVariables: memberEnvValues(identity),
      securityContext: { user: INIT_USER, group: INIT_USER, readOnlyRootFilesystem: true },
      resources: copyResources(),
      volumeMounts: [
        { path: CONFIG_SOURCE_PATH, volume: source, readOnly: true },
        { path: CONFIG_TARGET_PATH, volume: target },
      ],
    }, { level: PodSecurity.RESTRICTED });
    if (this.mounts.length > 0) {
      init.env.addVariable(MOUNTED_FILES_ENV, kplus.EnvValue.fromValue(this.mountedFiles()));
    }
    if (this.mountPath !== undefined) {
      this.app.mainContainer.mount(this.mountPath, target, { readOnly: true });
    }
    statefulSet.podMetadata.addAnnotation(CONFIG_CHECKSUM_ANNOTATION, Lazy.any({ produce: () => this.checksum() }));
    return init;
  }

  /** Every problem with the files and mounts added so far, as one message, or none. */
  private problems(): string[] {
    if (this.files.length === 0 && this.mounts.length === 0) {
      return [];
    }
    const problems = new Problems(this.app.scope.node.path, 'config files');
    if (this.files.length > 0 && this.mountPath === undefined && this.mounts.length === 0) {
      const names = this.files.map(f => show(f.name)).join(', ');
      problems.add('configMountPath', 'must be set to the directory where the main container sees its config files, '
        + `or the files mounted one by one with mountFile, got undefined while files were added: ${names}`);
    }
    this.checkFiles(problems);
    this.checkDirectoryMount(problems);
    this.checkFileMounts(problems);
    const bytes = Object.entries(this.data()).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    if (bytes > MAX_CONFIG_MAP_BYTES) {
      problems.add('files', `must add up to at most ${MAX_CONFIG_MAP_BYTES} bytes (keys and values of the ConfigMap '${configMapName(this.app.identity.name)}'), got ${bytes}`);
    }
    return problems.toValidationErrors();
  }

  private checkFiles(problems: Problems): void {
    const { identity } = this.app;
    const seen = new Set<string>();
    const everyMember = (name: string) =>
      new Set(this.files.filter(f => f.name === name && f.ordinal !== undefined).map(f => f.ordinal)).size === identity.replicas;
    const byScope = (scope: string) => new Set(this.files.filter(f => f.scope === scope).map(f => f.name));
    const [shared, defaults, templates] = [byScope(SHARED_SCOPE), byScope(DEFAULT_SCOPE), byScope(TEMPLATE_SCOPE)];
    for (const file of this.files) {
      const property = `${file.method}.name`;
      const nameProblem = configFileNameProblem(file.name);
      if (nameProblem) {
        problems.add(property, `${nameProblem}, got ${show(file.name)}`);
      } else if (key(file).length > MAX_CONFIG_KEY_LENGTH) {
        problems.add(property, `makes the ConfigMap key ${show(key(file))} longer than ${MAX_CONFIG_KEY_LENGTH} characters: shorten the name`);
      }
      if (file.ordinal !== undefined && !identity.isMember(file.ordinal)) {
        problems.add(`${file.method}.ordinal`, `must be the ordinal of a synthesized member, from ${identity.startOrdinal} to ${identity.lastOrdinal}, got ${show(file.ordinal)} for the file ${show(file.name)}: `
          + 'add more replicas, or give pods the YAML does not know a file with addDefaultFile');
      }
      if (seen.has(key(file))) {
        const where = file.ordinal === undefined ? `${file.method}()` : `ordinal ${file.ordinal}`;
        problems.add(property, `must be added once per scope, got ${show(file.name)} twice for ${where}`);
      }
      seen.add(key(file));
      if (file.scope !== SHARED_SCOPE && shared.has(file.name)) {
        problems.add(property, `must not be the name of a shared file, which every pod already sees, got ${show(file.name)}: `
          + 'use addOrdinalFile and addDefaultFile alone for a file that differs between members');
      }
      if (file.scope !== TEMPLATE_SCOPE && file.scope !== SHARED_SCOPE && templates.has(file.name)) {
        problems.add(property, `must not be the name of a template file, which every pod computes for itself, got ${show(file.name)}`);
      }
      const contentProblem = textProblem(file.content);
      if (contentProblem) {
        problems.add(`${file.method}.content`, `${contentProblem}, in the file ${show(file.name)}`);
      }
      file.template?._check(problems, `${file.method}.template`);
      for (const included of file.template?._files ?? []) {
        problems.check(shared.has(included) || defaults.has(included) || everyMember(included), `${file.method}.template`,
          `includes the file ${show(included)}, which must be a shared file, a default or a file of every member, got it in the template ${show(file.name)}`);
      }
    }
  }

  /** The config directory must not be, contain or lie under another mount of the main container or a claim. */
  private checkDirectoryMount(problems: Problems): void {
    if (this.mountPath === undefined || this.files.length === 0 || mountPathProblem(this.mountPath)) {
      return;
    }
    const mine = normalMountPath(this.mountPath);
    for (const other of this.otherMounts()) {
      const theirs = normalMountPath(other.path);
      if (isWithinMount(mine, theirs) || isWithinMount(theirs, mine)) {
        problems.add('configMountPath', `must not be, contain or lie under another mount of the main container, got ${show(this.mountPath)}, `
          + `which overlaps ${show(other.path)} (${other.what})`);
      }
    }
  }

  /** A file mount names a file of the pod, at a path no other mount uses, outside the config directory. */
  private checkFileMounts(problems: Problems): void {
    const names = new Set(this.files.map(f => f.name));
    const dir = this.mountPath === undefined ? undefined : normalMountPath(this.mountPath);
    const taken = new Map<string, string>(this.otherMounts().map(m => [normalMountPath(m.path), m.what]));
    for (const mount of this.mounts) {
      problems.check(names.has(mount.name), 'mountFile.name',
        `must be the name of a config file (shared, per-member, default or template), got ${show(mount.name)}; files: ${[...names].map(show).join(', ') || 'none'}`);
      const problem = mountPathProblem(mount.path);
      if (problem) {
        problems.add('mountFile.path', `${problem}, got ${show(mount.path)}`);
        continue;
      }
      const normal = normalMountPath(mount.path);
      problems.check(dir === undefined || !isWithinMount(normal, dir), 'mountFile.path',
        `must lie outside the config directory ${show(this.mountPath)}, where the file already is, got ${show(mount.path)}`);
      const owner = taken.get(normal);
      problems.check(owner === undefined, 'mountFile.path', `must not be the path of another mount, got ${show(mount.path)}, which ${owner} uses`);
      taken.set(normal, `mountFile(${show(mount.name)})`);
    }
  }

  /** The main container's mounts other than the config's own, and the claims' mount paths. */
  private otherMounts(): Array<{ path: string; what: string }> {
    return [
      ...this.app.mainContainer.mounts
        .filter(m => m.volume.name !== CONFIG_VOLUME)
        .map(m => ({ path: m.path, what: `volume ${show(m.volume.name)}` })),
      ...(this.app.props.storage?.claims ?? []).map(c => ({ path: c.mountPath, what: `claim ${show(c.name)}` })),
    ];
  }
}

function key(file: ConfigFile): string {
  return configKey(file.scope, file.name);
}
