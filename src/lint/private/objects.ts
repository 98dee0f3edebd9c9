import { describePlace, inputProblems } from './errors';
import { shapeProblems } from './input/kinds';
import { describeValue, isMapping } from './input/shape';
import { valueProblem } from './input/values';
import { SourcedDocument } from './input/yaml';

/**
 * Namespace assumed for objects that do not set `metadata.namespace`.
 */
export const DEFAULT_NAMESPACE = 'default';

/** At most this many input problems are listed; the count says how many more there are. */
const MAX_LISTED_PROBLEMS = 50;

/**
 * One Kubernetes object of a bundle, with where it came from. Its fields have the types
 * the rules expect (see `input/kinds.ts`), or are absent.
 */
export interface K8sObject {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  /** `metadata.namespace`, or the default namespace when unset. */
  readonly namespace: string;
  /** Whether the manifest sets `metadata.namespace`. */
  readonly namespaceExplicit: boolean;
  /** Position in the bundle, in apply order. */
  readonly index: number;
  /** File (or other label) the object was read from. */
  readonly source: string;
  /** Position of its document in the source. */
  readonly document: number;
  /** Line where its document starts, when read from text. */
  readonly line?: number;
  readonly raw: any;
}

/**
 * Checks documents and turns them into objects: `List` objects are flattened, empty
 * documents dropped, namespaces normalised. Every problem of every document is collected,
 * then thrown as one `LintInputError`.
 */
export function toObjects(documents: SourcedDocument[], defaultNamespace: string = DEFAULT_NAMESPACE): K8sObject[] {
  const objects: K8sObject[] = [];
  const problems: string[] = [];
  const add = (value: unknown, doc: SourcedDocument, item?: number) => {
    const place = (object?: string): string => describePlace({
      source: doc.source,
      document: doc.document,
      object: [item === undefined ? '' : `items[${item}]`, object ?? ''].filter(p => p !== '').join(' ') || undefined,
    });
    if (value === null || value === undefined) {
      return;
    }
    if (!isMapping(value)) {
      problems.push(`${place()}: not a kubernetes object: expected a mapping, got ${describeValue(value)}`);
      return;
    }
    const kind = value.kind;
    if (typeof kind !== 'string' || kind === '') {
      problems.push(`${place()}: not a kubernetes object: ${kind === undefined || kind === null ? "'kind' is missing" : `'kind' must be a string, got ${describeValue(kind)}`}`);
      return;
    }
    if (isList(kind, value)) {
      if (!Array.isArray(value.items)) {
        problems.push(`${place(kind)}: 'items' must be a list, got ${describeValue(value.items)}`);
        return;
      }
      value.items.forEach((element, i) => add(element, doc, i));
      return;
    }
    const metadata: any = value.metadata;
    const rawName: unknown = isMapping(metadata) ? metadata.name : undefined;
    const name = typeof rawName === 'string' ? rawName : '';
    const subject = `${kind}${name !== '' ? ` ${name}` : ''}`;
    const found = [
      ...(name !== '' ? [] : [`'metadata.name' must be a non-empty string, got ${rawName === undefined ? 'nothing' : describeValue(rawName)}`]),
      ...shapeProblems(kind, value),
    ];
    if (found.length > 0) {
      problems.push(...found.map(p => `${place(subject)}: ${p}`));
      return;
    }
    const namespaceExplicit = typeof metadata.namespace === 'string' && metadata.namespace !== '';
    objects.push({
      kind,
      apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : '',
      name,
      namespace: namespaceExplicit ? metadata.namespace : defaultNamespace,
      namespaceExplicit,
      index: objects.length,
      source: doc.source,
      document: doc.document,
      line: doc.line,
      raw: value,
    });
  };
  for (const doc of documents) {
    const problem = valueProblem(doc.value);
    if (problem) {
      problems.push(`${describePlace(doc)}: ${problem}`);
      continue;
    }
    add(doc.value, doc);
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    if (problems.length > listed.length) {
      listed.push(`... and ${problems.length - listed.length} more`);
    }
    throw inputProblems(listed);
  }
  return objects;
}

function isList(kind: string, value: { [key: string]: unknown }): boolean {
  return kind === 'List' || (kind.endsWith('List') && Object.prototype.hasOwnProperty.call(value, 'items'));
}

/**
 * Wraps plain objects (already parsed) as documents.
 */
export function fromValues(values: unknown[], source: string = 'manifests'): SourcedDocument[] {
  return values.map((value, i) => ({ source, document: i + 1, value }));
}

/** The API group of an object: `apps` for `apps/v1`, empty for the core group (`v1`). */
export function apiGroup(obj: K8sObject): string {
  const slash = obj.apiVersion.indexOf('/');
  return slash < 0 ? '' : obj.apiVersion.slice(0, slash);
}

/**
 * `Kind/namespace/name`, the way findings name an object.
 */
export function objectRef(obj: K8sObject): string {
  return `${obj.kind}/${obj.namespace}/${obj.name}`;
}
