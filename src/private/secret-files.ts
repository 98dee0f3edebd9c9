import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppContext } from './app-context';
import { copyImage, copyResources } from './helper-containers';
import { isWithinMount, normalMountPath } from '../ground/mount-paths';
import { dataKeyProblem, isDns1123Subdomain } from '../ground/names';
import { Problems, show } from '../ground/problems';
import { PodSecurity } from '../pod-security';
import { SecretFileOptions } from '../secret-file';

/** The init container that places the secret files, and the in-memory emptyDir it writes them to. */
export const SECRET_FILES_CONTAINER = 'secret-files';
const TARGET_VOLUME = 'secret-files';
const TARGET_PATH = '/secret-files';
/** Where the init container sees file `<i>`'s Secret (volume `secret-file-<i>`). */
const SOURCES_PATH = '/secret-sources';
/** `<i>:<key>:<mode>` of every file, space-separated, in the order they were added. */
const SECRET_FILES_ENV = 'SECRET_FILES';
const DEFAULT_MODE = 0o400;
const MAX_KEY_LENGTH = 253;

/**
 * Writes each file to a temporary name with only the owner allowed anything (umask), sets
 * its mode, then renames it over the file of an earlier run of the pod, whose mode may
 * forbid writing it. One line per file, so that the pod's log says what was placed.
 */
const SCRIPT = [
  'set -eu',
  'umask 077',
  `for file in $${SECRET_FILES_ENV}; do`,
  '  i=${file%%:*}; rest=${file#*:}; key=${rest%:*}; mode=${rest##*:}',
  `  target="${TARGET_PATH}/$i"`,
  '  rm -f "$target.new"',
  `  cat "${SOURCES_PATH}/$i/$key" > "$target.new"`,
  '  chmod "$mode" "$target.new"',
  '  mv -f "$target.new" "$target"',
  '  echo "secret-files: key $key as file $i, mode $mode, owner $(id -u):$(id -g)"',
  'done',
  '',
].join('\n');

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

/** What is wrong with a file path of the main container, or undefined. */
function filePathProblem(file: string): string | undefined {
  const normal = normalMountPath(file);
  if (file.startsWith('/') && normal === file && normal !== '/' && !file.includes(':')) {
    return undefined;
  }
  const suggestion = file.startsWith('/') && normal !== '/' && !normal.includes(':') ? `: did you mean ${show(normal)}?` : '';
  return `must be an absolute, normalized path of a file (no '.' or '..' parts, '//', trailing '/' or ':'), got ${show(file)}${suggestion}`;
}

/**
 * Files of the main container with the content of a Secret's key, an exact owner and mode
 * (`OrderedStatefulApp.addSecretFile`). A Secret volume cannot give them: its files belong
 * to root, and `fsGroup` makes them group-readable, which apps such as RabbitMQ refuse.
 *
 * An init container runs as the main container's numeric user and group, hardened for the
 * app's Pod Security Standard, reads each key from its own Secret volume (mounted only in
 * the init container) and writes it with `umask 077` and `chmod` into an emptyDir in
 * memory (the secret never reaches the node's disk); the main container mounts each file
 * read-only (`subPath`) at its path, after every other mount, so the path may lie on a
 * member's volume. Nothing is added until the first file is.
 */
export class SecretFiles extends Construct {
  private readonly files: SecretFileOptions[] = [];
  private initContainer?: kplus.Container;

  constructor(private readonly app: AppContext, id: string) {
    super(app.scope, id);
    this.node.addValidation({ validate: () => this.problems() });
  }

  public add(options: SecretFileOptions): void {
    const problems = new Problems(this.app.scope.node.path, 'addSecretFile()');
    const { secretName, key } = options;
    const mode = options.mode ?? DEFAULT_MODE;
    problems.check(isDns1123Subdomain(secretName), 'secretName',
      `must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253 characters), got ${show(secretName)}`);
    const keyProblem = dataKeyProblem(key, 'a Secret key');
    problems.check(keyProblem === undefined && key.length <= MAX_KEY_LENGTH, 'key',
      `${keyProblem ?? `must be at most ${MAX_KEY_LENGTH} characters`}, got ${show(key)}`);
    const pathProblem = filePathProblem(options.path);
    problems.check(pathProblem === undefined, 'path', pathProblem!);
    problems.check(Number.isInteger(mode) && mode >= 0 && mode <= 0o777 && Math.floor(mode / 0o100) >= 4, 'mode',
      `must be an integer from 0 to 0o777 that lets the owner read the file (0o400 set), such as 0o400 or 0o600, got ${show(mode)}`
      + (Number.isInteger(mode) && mode >= 0 ? ` (0o${mode.toString(8).padStart(3, '0')})` : ''));
    problems.check(this.app.props.container.securityContext?.user !== undefined, 'container.securityContext.user',
      'must be set to the main container\'s numeric user, who owns the file, got undefined: the image\'s user is not known when the YAML is written');
    problems.throwIfAny();

    const index = this.files.push({ ...options, mode }) - 1;
    const init = this.initContainer ?? this.attach();
    const source = kplus.Volume.fromSecret(this, `Source${index}`, kplus.Secret.fromSecretName(this, `Secret${index}`, secretName),
      { name: `secret-file-${index}`, defaultMode: 0o444, items: { [key]: { path: key } } });
    init.mount(`${SOURCES_PATH}/${index}`, source, { readOnly: true });
    init.env.addVariable(SECRET_FILES_ENV, kplus.EnvValue.fromValue(this.files.map((f, i) => `${i}:${f.key}:${octal(f.mode!)}`).join(' ')));
    this.app.writer.addLastMount(this.app.mainContainer.name,
      { name: TARGET_VOLUME, mountPath: options.path, subPath: String(index), readOnly: true });
  }

  /** Adds the init container and the emptyDir it writes to; returns the init container. */
  private attach(): kplus.Container {
    const { props, writer } = this.app;
    const main = props.container.securityContext;
    const target = kplus.Volume.fromEmptyDir(this, 'Volume', TARGET_VOLUME, { medium: kplus.EmptyDirMedium.MEMORY });
    this.initContainer = writer.addInitContainer({
      name: SECRET_FILES_CONTAINER,
      image: copyImage(props),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      command: ['sh', '-c', SCRIPT, SECRET_FILES_CONTAINER],
      securityContext: { user: main?.user, group: main?.group, readOnlyRootFilesystem: true },
      resources: copyResources(),
      volumeMounts: [{ path: TARGET_PATH, volume: target }],
    }, { level: props.podSecurity ?? PodSecurity.RESTRICTED });
    return this.initContainer;
  }

  /** A file's path must not be another mount's, nor lie in the config directory, which is read-only. */
  private problems(): string[] {
    const problems = new Problems(this.app.scope.node.path, 'secret files');
    const { props, mainContainer, writer } = this.app;
    const others = new Map<string, string>([
      ...mainContainer.mounts.map((m): [string, string] => [normalMountPath(m.path), `volume ${show(m.volume.name)}`]),
      ...(props.storage?.claims ?? []).map((c): [string, string] => [normalMountPath(c.mountPath), `claim ${show(c.name)}`]),
    ]);
    const configDir = props.configMountPath === undefined ? undefined : normalMountPath(props.configMountPath);
    const paths = writer.lastMountPaths(mainContainer.name);
    this.files.forEach(file => {
      const owner = others.get(file.path);
      problems.check(owner === undefined && paths.filter(p => p === file.path).length === 1, 'addSecretFile.path',
        `must not be the path of another mount of the main container, got ${show(file.path)}, which ${owner ?? 'another file mount'} uses`);
      problems.check(configDir === undefined || file.path === configDir || !isWithinMount(file.path, configDir), 'addSecretFile.path',
        `must lie outside the read-only config directory ${show(props.configMountPath)}, got ${show(file.path)}`);
    });
    return problems.toValidationErrors();
  }
}
