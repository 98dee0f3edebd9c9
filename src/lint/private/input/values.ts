import { MAX_DEPTH } from './yaml';

/**
 * The most values one document may hold once shared parts (YAML aliases, or one object
 * passed twice) are counted each time they occur. A large real object has tens of
 * thousands; only an alias bomb comes near this.
 */
export const MAX_VALUES_PER_DOCUMENT = 1_000_000;

/**
 * What makes a value unusable as a Kubernetes object's data: a cycle, too deep a nesting,
 * too many values once aliases are expanded, or something that is not JSON data (a function,
 * a class instance). Returns the problem, or undefined when the value is plain data.
 * Walks without recursion, and stops at the first problem.
 */
export function valueProblem(root: unknown): string | undefined {
  interface Frame { readonly value: unknown; readonly path?: FieldPath; readonly depth: number; readonly exit?: boolean }
  const onPath = new Set<object>();
  const stack: Frame[] = [{ value: root, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const value = frame.value;
    if (frame.exit) {
      onPath.delete(value as object);
      continue;
    }
    if (++count > MAX_VALUES_PER_DOCUMENT) {
      return `has more than ${MAX_VALUES_PER_DOCUMENT} values once shared parts (yaml aliases) are expanded; refusing to expand it further`;
    }
    const kind = typeof value;
    if (kind === 'function' || kind === 'symbol' || kind === 'bigint') {
      return `${at(frame.path)}is a ${kind}, which is not json data`;
    }
    if (value === null || kind !== 'object') {
      continue;
    }
    const object = value as object;
    if (!Array.isArray(object) && !isPlainObject(object)) {
      return `${at(frame.path)}is a ${object.constructor?.name ?? 'non-plain object'}, which is not json data`;
    }
    if (onPath.has(object)) {
      return `${at(frame.path)}refers back to the value that contains it (a cycle)`;
    }
    if (frame.depth >= MAX_DEPTH) {
      return `${at(frame.path)}is nested more than ${MAX_DEPTH} levels deep`;
    }
    onPath.add(object);
    stack.push({ value, path: frame.path, depth: frame.depth, exit: true });
    if (Array.isArray(object)) {
      for (let i = object.length - 1; i >= 0; i--) {
        stack.push({ value: object[i], path: child(frame.path, i), depth: frame.depth + 1 });
      }
    } else {
      for (const [key, element] of Object.entries(object)) {
        stack.push({ value: element, path: child(frame.path, key), depth: frame.depth + 1 });
      }
    }
  }
  return undefined;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function at(path: FieldPath | undefined): string {
  return path ? `'${pathText(path)}' ` : '';
}

/**
 * Where a value sits in a document, as a chain of keys and list indexes, turned into text only
 * when a message needs it.
 */
export interface FieldPath {
  readonly parent?: FieldPath;
  readonly key: string | number;
}

/** The path one key or index below `parent`. */
export function child(parent: FieldPath | undefined, key: string | number): FieldPath {
  return { parent, key };
}

/** `spec.template.spec.containers[0]`; a key that is not a plain identifier as `["app.kubernetes.io/name"]`. */
export function pathText(path: FieldPath | undefined): string {
  if (!path) {
    return '';
  }
  const parent = pathText(path.parent);
  if (typeof path.key === 'number') {
    return `${parent}[${path.key}]`;
  }
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(path.key)) {
    return parent === '' ? path.key : `${parent}.${path.key}`;
  }
  return `${parent}[${JSON.stringify(path.key)}]`;
}
