import * as kplus from 'cdk8s-plus-27';
import type * as JsYaml from 'js-yaml';
import { storageQuantity } from './sizes';
import { show } from '../ground/problems';
import { claimTemplateAsStored } from '../ground/statefulset';
import { describeYamlError } from '../ground/yaml';
import { LiveStatefulSetOptions, LiveStatefulSetProps } from '../live-stateful-set-props';
import { PodManagement } from '../pod-management';

/** A claim template of the live StatefulSet. */
export interface LiveClaim {
  readonly name: string;
  /** The requested size as written, e.g. `8Gi`. */
  readonly storage?: string;
  readonly storageClassName?: string;
  readonly accessModes: string[];
  readonly volumeMode: string;
  /** The template as the API server stores it, which the app writes back unchanged. */
  readonly stored: any;
}

/**
 * What an update of the live StatefulSet must keep, read from a manifest or given by hand,
 * and what went wrong reading it. The app reports the problems with its own.
 */
export interface LiveState {
  /** Where it comes from, for messages: `file 'zk.yaml'`, `the YAML given`, `the props given`. */
  readonly source: string;
  /** The StatefulSet in words, `StatefulSet demo/zk in file 'zk.yaml'`, once it is found. */
  readonly object?: string;
  /** Problems with the manifest: each names the source, the object and the field. */
  readonly problems: string[];
  readonly name?: string;
  readonly namespace?: string;
  readonly serviceName?: string;
  readonly selector?: { [key: string]: string };
  readonly podManagement?: string;
  readonly replicas?: number;
  readonly startOrdinal?: number;
  readonly claims: LiveClaim[];
}

/** The live StatefulSet given by hand. */
export function liveStateOf(props: LiveStatefulSetProps): LiveState {
  const claims = (props.claims ?? []).map(claim => {
    const template = {
      metadata: { name: claim.name, ...(claim.labels === undefined ? {} : { labels: { ...claim.labels } }) },
      spec: {
        accessModes: claim.accessModes ?? [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
        resources: { requests: { storage: storageQuantity(claim.size) } },
        ...(claim.storageClassName === undefined ? {} : { storageClassName: claim.storageClassName }),
        volumeMode: claim.volumeMode ?? kplus.PersistentVolumeMode.FILE_SYSTEM,
      },
    };
    return claimOf(template);
  });
  return {
    source: 'the props given',
    object: `StatefulSet ${props.namespace === undefined ? '' : `${props.namespace}/`}${props.name}`,
    problems: [],
    name: props.name,
    namespace: props.namespace,
    serviceName: props.serviceName,
    selector: { ...props.selector },
    podManagement: props.podManagement ?? PodManagement.ORDERED_READY,
    replicas: props.replicas ?? 1,
    startOrdinal: props.startOrdinal ?? 0,
    claims,
  };
}

/** The StatefulSet of a YAML text, picked by `options` when the text holds several. */
export function liveStateFromText(text: string, source: string, options: LiveStatefulSetOptions): LiveState {
  const failed = (problem: string): LiveState => ({ source, problems: [problem], claims: [] });
  let documents: unknown[];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    documents = (require('js-yaml') as typeof JsYaml).loadAll(text);
  } catch (e) {
    return failed(`${source} is not valid YAML: ${describeYamlError(e)}`);
  }
  const objects = documents.flatMap(listItems).filter(isObject);
  const sets = objects.filter(o => o.kind === 'StatefulSet');
  const candidates = sets.filter(o => (options.name === undefined || o.metadata?.name === options.name)
    && (options.namespace === undefined || o.metadata?.namespace === options.namespace));
  const wanted = options.name === undefined && options.namespace === undefined ? ''
    : ` ${[options.namespace, options.name].filter(v => v !== undefined).join('/')}`;
  if (candidates.length === 0) {
    const held = sets.length > 0 ? sets : objects;
    const holds = held.length === 0 ? 'no Kubernetes object' : describeObjects(held);
    return failed(`${source} holds no StatefulSet${wanted === '' ? '' : ` named${wanted}`}: it holds ${holds}; `
      + 'give the manifest of the StatefulSet that runs today (helm get manifest, kubectl get statefulset -o yaml)');
  }
  if (candidates.length > 1) {
    return failed(`${source} holds ${candidates.length} StatefulSets${wanted === '' ? '' : ` named${wanted}`}, ${describeObjects(candidates)}: `
      + 'pick one with the options \'name\' and \'namespace\' of LiveStatefulSet.fromFile or fromYaml');
  }
  return liveStateOfObject(candidates[0], source);
}

function liveStateOfObject(sts: any, source: string): LiveState {
  const object = `StatefulSet ${nameOf(sts)} in ${source}`;
  const problems: string[] = [];
  const spec = sts.spec ?? {};
  const field = (path: string, message: string) => problems.push(`${object}: ${path} ${message}`);
  if (typeof sts.metadata?.name !== 'string' || sts.metadata.name === '') {
    field('metadata.name', `must be set, got ${show(sts.metadata?.name)}`);
  }
  if (typeof spec.serviceName !== 'string' || spec.serviceName === '') {
    field('spec.serviceName', `must be set: it is the governing Service, which the members' DNS names are under, got ${show(spec.serviceName)}`);
  }
  const matchLabels = spec.selector?.matchLabels;
  if (!isObject(matchLabels) || Object.keys(matchLabels).length === 0) {
    field('spec.selector.matchLabels', `must have at least one label, got ${show(matchLabels)}`);
  }
  if (spec.selector?.matchExpressions !== undefined && (spec.selector.matchExpressions as unknown[]).length > 0) {
    field('spec.selector.matchExpressions', `cannot be kept: the app selects its members by labels (matchLabels) only, got ${show(spec.selector.matchExpressions)}; `
      + 'the selector cannot change on a live StatefulSet, so adopting it needs a new StatefulSet (kubectl delete statefulset --cascade=orphan, then apply)');
  }
  const templates: any[] = Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : [];
  templates.forEach((template, i) => {
    if (typeof template?.metadata?.name !== 'string') {
      field(`spec.volumeClaimTemplates[${i}].metadata.name`, `must be set, got ${show(template?.metadata?.name)}`);
    }
  });
  return {
    source,
    object,
    problems,
    name: sts.metadata?.name,
    namespace: sts.metadata?.namespace,
    serviceName: spec.serviceName,
    selector: isObject(matchLabels) ? Object.fromEntries(Object.entries(matchLabels).map(([k, v]) => [k, String(v)])) : undefined,
    podManagement: spec.podManagementPolicy ?? PodManagement.ORDERED_READY,
    replicas: spec.replicas ?? 1,
    startOrdinal: spec.ordinals?.start ?? 0,
    claims: templates.filter(t => typeof t?.metadata?.name === 'string').map(claimOf),
  };
}

function claimOf(template: any): LiveClaim {
  const stored = claimTemplateAsStored(template);
  const storage = stored.spec.resources?.requests?.storage;
  return {
    name: stored.metadata.name,
    storage: storage === undefined ? undefined : String(storage),
    storageClassName: stored.spec.storageClassName ?? undefined,
    accessModes: Array.isArray(stored.spec.accessModes) ? stored.spec.accessModes.map(String) : [],
    volumeMode: stored.spec.volumeMode,
    stored,
  };
}

/** The items of a `List` (what `kubectl get -o yaml` prints for several objects), or the document. */
function listItems(document: unknown): unknown[] {
  return isObject(document) && typeof document.kind === 'string' && document.kind.endsWith('List') && Array.isArray(document.items)
    ? document.items : [document];
}

function isObject(value: unknown): value is { [key: string]: any } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameOf(object: any): string {
  const namespace = object.metadata?.namespace;
  return `${typeof namespace === 'string' ? `${namespace}/` : ''}${object.metadata?.name ?? '(no name)'}`;
}

/** Some objects in words, `StatefulSet demo/a, Service demo/b and 3 more`. */
function describeObjects(objects: any[]): string {
  const shown = objects.slice(0, 5).map(o => `${o.kind ?? '(no kind)'} ${nameOf(o)}`);
  return objects.length > shown.length ? `${shown.join(', ')} and ${objects.length - shown.length} more` : shown.join(', ');
}
