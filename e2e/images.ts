import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { AppCheck, CheckStep, ExtraMember, placeholderProblems, StepMembers, stepsCheck } from './checks';

/**
 * What a container image is on this machine: the image's defaults (ENTRYPOINT, CMD, ENV,
 * WORKDIR) written for the local server, and the files placed at the image's paths inside
 * the container's root, where the local layout differs from the image's. Each image is one
 * folder `e2e/images/<name>/` with an `image.yaml` (see README.md) and the files it places.
 */
export interface LocalImage {
  /** The folder's name. */
  readonly name: string;
  /** The image repository, without registry defaults, tag or digest. */
  readonly repository: string;
  /** The Debian packages that provide the local server. */
  readonly packages: readonly string[];
  /** What runs instead of the image, in words, for the log. */
  readonly runs: string;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  /** The image's ENV (PATH included, as images set it). */
  readonly env: Readonly<Record<string, string>>;
  readonly workingDir?: string;
  /**
   * Container path -> the file or directory of this machine mounted there (a file of the
   * image's folder, or an absolute path). A path that exists on this machine but not in
   * the image is hidden by mounting /dev/null over it.
   */
  readonly files: Readonly<Record<string, string>>;
  /** Directories the image has that this machine does not: made (empty) in the container's root. */
  readonly dirs: readonly string[];
  /** A multi-call binary whose applets are linked into /usr/local/bin, the image's first PATH entry. */
  readonly applets?: string;
  /** The cluster check for a StatefulSet whose container runs this image. */
  readonly check?: AppCheck;
}

/** Where the image folders are. */
const IMAGES_DIR = path.join(__dirname, 'images');
/** The file of a folder that describes its image. */
const IMAGE_FILE = 'image.yaml';
/** The PATH of images that do not set their own. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** The longest a data check's step may wait for its output. */
const MAX_STEP_TIMEOUT_SECONDS = 600;
const DEFAULT_STEP_TIMEOUT_SECONDS = 60;

const IMAGE_KEYS = ['repository', 'packages', 'runs', 'entrypoint', 'cmd', 'env', 'workingDir', 'files', 'dirs', 'applets', 'check'];
const CHECK_KEYS = ['module', 'says', 'steps', 'extraMember'];
const STEP_KEYS = ['in', 'run', 'expect', 'timeoutSeconds'];
/** A Debian package name (Debian Policy 5.6.1). */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

/** The image's repository: without tag, digest and the Docker Hub defaults. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const repository = colon > lastSlash ? withoutDigest.slice(0, colon) : withoutDigest;
  return repository.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}

/** Reads one `image.yaml`'s fields, adding a line to `problems` for each wrong one. */
class EntryReader {
  constructor(private readonly where: string, private readonly problems: string[]) {}

  public problem(key: string, message: string): void {
    this.problems.push(`${this.where}: '${key}' ${message}`);
  }

  public unknownKeys(value: Record<string, unknown>, allowed: readonly string[], prefix = ''): void {
    for (const key of Object.keys(value).filter(k => !allowed.includes(k))) {
      this.problem(`${prefix}${key}`, `is not a known key (allowed: ${allowed.join(', ')})`);
    }
  }

  public string(value: unknown, key: string, required: boolean): string | undefined {
    if (value === undefined && !required) {
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(key, `must be a non-empty string, got ${JSON.stringify(value)}`);
      return undefined;
    }
    return value;
  }

  public absolutePath(value: unknown, key: string, required: boolean): string | undefined {
    const text = this.string(value, key, required);
    if (text !== undefined && (!path.isAbsolute(text) || path.normalize(text) !== text)) {
      this.problem(key, `must be an absolute, normalized path, got '${text}'`);
      return undefined;
    }
    return text;
  }

  public strings(value: unknown, key: string, nonEmpty: boolean): string[] {
    if (value === undefined && !nonEmpty) {
      return [];
    }
    if (!Array.isArray(value) || value.some(item => typeof item !== 'string') || (nonEmpty && value.length === 0)) {
      this.problem(key, `must be a ${nonEmpty ? 'non-empty ' : ''}list of strings, got ${JSON.stringify(value)}`);
      return [];
    }
    return value as string[];
  }

  public map(value: unknown, key: string): Record<string, unknown> {
    if (value === undefined) {
      return {};
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problem(key, `must be a map, got ${JSON.stringify(value)}`);
      return {};
    }
    return value as Record<string, unknown>;
  }

  public stringMap(value: unknown, key: string): Record<string, string> {
    const entries = Object.entries(this.map(value, key));
    const bad = entries.filter(([, v]) => typeof v !== 'string');
    for (const [k, v] of bad) {
      this.problem(`${key}.${k}`, `must be a string, got ${JSON.stringify(v)}`);
    }
    return Object.fromEntries(entries.filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  }

  public choice<T extends string>(value: unknown, key: string, allowed: Record<string, T>, fallback: T): T {
    const values = Object.values(allowed);
    if (value === undefined) {
      return fallback;
    }
    if (!values.includes(value as T)) {
      this.problem(key, `must be one of ${values.join(', ')}, got ${JSON.stringify(value)}`);
      return fallback;
    }
    return value as T;
  }
}

/** A file of the image's folder (a relative path that stays inside it), or an absolute path of this machine. */
function fileSource(reader: EntryReader, dir: string, key: string, source: string): string {
  if (path.isAbsolute(source)) {
    return source;
  }
  const file = path.join(dir, source);
  if (path.relative(dir, file).startsWith('..')) {
    reader.problem(key, `must name a file of the image's folder or an absolute path, got '${source}'`);
  } else if (!fs.existsSync(file)) {
    reader.problem(key, `names '${source}', which is not in the image's folder`);
  }
  return file;
}

function readModuleCheck(reader: EntryReader, dir: string, module: string): AppCheck | undefined {
  const file = fileSource(reader, dir, 'check.module', module);
  if (!fs.existsSync(file)) {
    return undefined;
  }
  // The module is a file of the image's folder, loaded with the harness (ts-node or ts-jest).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(file) as { check?: Partial<AppCheck> };
  if (typeof loaded.check?.formed !== 'function') {
    reader.problem('check.module', `'${module}' must export 'check', an AppCheck with a 'formed' function`);
    return undefined;
  }
  return loaded.check as AppCheck;
}

function readStep(reader: EntryReader, value: unknown, key: string): CheckStep {
  const step = reader.map(value, key);
  reader.unknownKeys(step, STEP_KEYS, `${key}.`);
  const run = reader.strings(step.run, `${key}.run`, true);
  const expect = reader.strings(step.expect, `${key}.expect`, false);
  run.forEach((arg, i) => placeholderProblems(arg, false).forEach(p => reader.problem(`${key}.run[${i}]`, `has ${p}`)));
  expect.forEach((pattern, i) => {
    placeholderProblems(pattern, true).forEach(p => reader.problem(`${key}.expect[${i}]`, `has ${p}`));
    try {
      new RegExp(pattern);
    } catch (error) {
      reader.problem(`${key}.expect[${i}]`, `is not a regular expression: ${(error as Error).message}`);
    }
  });
  const timeout = step.timeoutSeconds ?? DEFAULT_STEP_TIMEOUT_SECONDS;
  if (!Number.isInteger(timeout) || (timeout as number) < 1 || (timeout as number) > MAX_STEP_TIMEOUT_SECONDS) {
    reader.problem(`${key}.timeoutSeconds`, `must be an integer from 1 to ${MAX_STEP_TIMEOUT_SECONDS}, got ${JSON.stringify(timeout)}`);
  }
  return { in: reader.choice(step.in, `${key}.in`, StepMembers, StepMembers.EACH), run, expect, timeoutSeconds: Number(timeout) };
}

function readCheck(reader: EntryReader, dir: string, value: unknown): AppCheck | undefined {
  if (value === undefined) {
    return undefined;
  }
  const check = reader.map(value, 'check');
  reader.unknownKeys(check, CHECK_KEYS, 'check.');
  const module = reader.string(check.module, 'check.module', false);
  if (module !== undefined) {
    const withModule = ['says', 'steps', 'extraMember'].filter(key => check[key] !== undefined);
    if (withModule.length > 0) {
      reader.problem('check', `has a 'module' and ${withModule.map(k => `'${k}'`).join(', ')}: a module check is the module alone`);
    }
    return readModuleCheck(reader, dir, module);
  }
  const says = reader.string(check.says, 'check.says', true);
  if (!Array.isArray(check.steps) || check.steps.length === 0) {
    reader.problem('check.steps', `must be a non-empty list of steps (or give 'check.module'), got ${JSON.stringify(check.steps)}`);
    return undefined;
  }
  const steps = check.steps.map((step, i) => readStep(reader, step, `check.steps[${i}]`));
  const extraMember = reader.choice(check.extraMember, 'check.extraMember', ExtraMember, ExtraMember.READY);
  return stepsCheck({ says: says ?? '', steps, extraMember });
}

/** One image folder's entry; its problems are added to `problems`. */
function readImage(dir: string, problems: string[]): LocalImage | undefined {
  const name = path.basename(dir);
  const where = `${name}/${IMAGE_FILE}`;
  const reader = new EntryReader(where, problems);
  const file = path.join(dir, IMAGE_FILE);
  if (!fs.existsSync(file)) {
    problems.push(`${name}: the folder has no ${IMAGE_FILE}`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${where}: not YAML: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`${where}: must be a map of ${IMAGE_KEYS.join(', ')}`);
    return undefined;
  }
  const entry = parsed as Record<string, unknown>;
  const before = problems.length;
  reader.unknownKeys(entry, IMAGE_KEYS);
  const repository = reader.string(entry.repository, 'repository', true);
  if (repository !== undefined && imageRepository(repository) !== repository) {
    reader.problem('repository', `must be the repository alone (no tag, digest or docker.io/library/), got '${repository}': did you mean '${imageRepository(repository)}'?`);
  }
  const packages = reader.strings(entry.packages, 'packages', true);
  packages.filter(pkg => !PACKAGE_NAME.test(pkg)).forEach(pkg => reader.problem('packages', `has '${pkg}', which is not a Debian package name`));
  const runs = reader.string(entry.runs, 'runs', true);
  const entrypoint = reader.strings(entry.entrypoint, 'entrypoint', false);
  const cmd = reader.strings(entry.cmd, 'cmd', false);
  const env = reader.stringMap(entry.env, 'env');
  const workingDir = reader.absolutePath(entry.workingDir, 'workingDir', false);
  const files = Object.fromEntries(Object.entries(reader.stringMap(entry.files, 'files')).map(([target, source]) => {
    if (!path.isAbsolute(target) || path.normalize(target) !== target) {
      reader.problem(`files.${target}`, 'must be keyed by an absolute, normalized container path');
    }
    return [target, fileSource(reader, dir, `files.${target}`, source)];
  }));
  const dirs = reader.strings(entry.dirs, 'dirs', false);
  dirs.forEach((d, i) => reader.absolutePath(d, `dirs[${i}]`, true));
  const applets = reader.absolutePath(entry.applets, 'applets', false);
  const check = readCheck(reader, dir, entry.check);
  if (problems.length > before || repository === undefined || runs === undefined) {
    return undefined;
  }
  return {
    name,
    repository,
    packages,
    runs,
    entrypoint,
    cmd,
    env: { PATH: DEFAULT_PATH, ...env },
    workingDir,
    files,
    dirs,
    applets,
    check,
  };
}

/** Reads every image folder under `dir`; fails with every problem of every entry. */
export function loadImageTable(dir: string = IMAGES_DIR): LocalImage[] {
  const problems: string[] = [];
  const folders = fs.readdirSync(dir, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort();
  const images = folders.flatMap(folder => readImage(path.join(dir, folder), problems) ?? []);
  const seen = new Map<string, string>();
  for (const image of images) {
    const other = seen.get(image.repository);
    if (other !== undefined) {
      problems.push(`${image.name}/${IMAGE_FILE}: 'repository' '${image.repository}' is also the repository of ${other}/${IMAGE_FILE}`);
    }
    seen.set(image.repository, image.name);
  }
  if (problems.length > 0) {
    throw new Error(`invalid image table ${path.relative(process.cwd(), dir) || dir}:\n- ${problems.join('\n- ')}`);
  }
  return images;
}

let table: LocalImage[] | undefined;

/** The image table of e2e/images, read once. */
export function imageTable(): readonly LocalImage[] {
  table ??= loadImageTable();
  return table;
}

export function localImage(image: string): LocalImage | undefined {
  const repository = imageRepository(image);
  return imageTable().find(entry => entry.repository === repository);
}
