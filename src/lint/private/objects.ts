import { parseAllDocuments } from 'yaml';
import { invalidYaml, notAnObject } from './errors';

/**
 * Namespace assumed for objects that do not set `metadata.namespace`.
 */
export const DEFAULT_NAMESPACE = 'default';

/**
 * One Kubernetes object of a bundle, with where it came from.
 */
export interface K8sObject {
  readonly kind: string;
  readonly name: string;
  /** `metadata.namespace`, or the default namespace when unset. */
  readonly namespace: string;
  /** Whether the manifest sets `metadata.namespace`. */
  readonly namespaceExplicit: boolean;
  /** Position in the bundle, in apply order. */
  readonly index: number;
  /** File (or other label) the object was read from. */
  readonly source: string;
  readonly raw: any;
}

/**
 * A document read from YAML, before it is turned into objects.
 */
export interface SourcedDocument {
  readonly source: string;
  readonly document: number;
  readonly value: any;
}

/**
 * Parses multi-document YAML. Empty documents are kept as `null` values and skipped later.
 */
export function parseYaml(text: string, source: string): SourcedDocument[] {
  const documents = parseAllDocuments(text);
  const result: SourcedDocument[] = [];
  let position = 0;
  for (const doc of documents) {
    position++;
    if (doc.errors.length > 0) {
      throw invalidYaml(source, `document ${position}: ${doc.errors[0].message.split('\n')[0]}`);
    }
    result.push({ source, document: position, value: doc.toJS() });
  }
  return result;
}

/**
 * Flattens `List` objects, drops empty documents and normalises namespaces.
 */
export function toObjects(documents: SourcedDocument[], defaultNamespace: string = DEFAULT_NAMESPACE): K8sObject[] {
  const objects: K8sObject[] = [];
  const add = (value: any, doc: SourcedDocument) => {
    if (value === null || value === undefined) {
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw notAnObject(doc.source, doc.document, `expected a mapping, got ${Array.isArray(value) ? 'a sequence' : typeof value}`);
    }
    if (typeof value.kind !== 'string' || value.kind === '') {
      throw notAnObject(doc.source, doc.document, "'kind' is missing");
    }
    if (value.kind === 'List' || (value.kind.endsWith('List') && Array.isArray(value.items))) {
      for (const item of value.items ?? []) {
        add(item, doc);
      }
      return;
    }
    const metadata = value.metadata ?? {};
    const namespaceExplicit = typeof metadata.namespace === 'string' && metadata.namespace !== '';
    objects.push({
      kind: value.kind,
      name: typeof metadata.name === 'string' ? metadata.name : '',
      namespace: namespaceExplicit ? metadata.namespace : defaultNamespace,
      namespaceExplicit,
      index: objects.length,
      source: doc.source,
      raw: value,
    });
  };
  for (const doc of documents) {
    add(doc.value, doc);
  }
  return objects;
}

/**
 * Wraps plain objects (already parsed) as documents.
 */
export function fromValues(values: any[], source: string = 'manifests'): SourcedDocument[] {
  return values.map((value, i) => ({ source, document: i + 1, value }));
}

/**
 * `Kind/namespace/name`, the way findings name an object.
 */
export function objectRef(obj: K8sObject): string {
  return `${obj.kind}/${obj.namespace}/${obj.name}`;
}

/**
 * Objects of a bundle indexed for lookups by kind, namespace and name.
 */
export class Bundle {
  public constructor(public readonly objects: K8sObject[]) {}

  public ofKind(kind: string): K8sObject[] {
    return this.objects.filter(o => o.kind === kind);
  }

  public find(kind: string, namespace: string, name: string): K8sObject | undefined {
    return this.objects.find(o => o.kind === kind && o.namespace === namespace && o.name === name);
  }

  public inNamespace(kind: string, namespace: string): K8sObject[] {
    return this.objects.filter(o => o.kind === kind && o.namespace === namespace);
  }
}
