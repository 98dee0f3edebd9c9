import { renderMarkdown } from './private/explain/markdown';
import { explainBundle } from './private/explain/model';
import { renderText } from './private/explain/text';
import { Bundle, DEFAULT_NAMESPACE, fromValues, toObjects } from './private/objects';

/**
 * Options for explaining manifests.
 */
export interface ExplainOptions {
  /**
   * Cluster DNS domain used in the fully qualified pod names.
   *
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Namespace of objects that do not set `metadata.namespace`.
   *
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/**
 * Explains StatefulSets for a reviewer: member pod names and DNS names, start order,
 * per-member files, roles and which services reach which members.
 */
export class ManifestExplainer {
  /**
   * Plain-text explanation of parsed manifests.
   *
   * @param manifests the Kubernetes objects
   * @param options explain options
   */
  public static explain(manifests: any[], options: ExplainOptions = {}): string {
    return renderText(explainBundle(bundleOf(manifests, options), domainOf(options)), domainOf(options));
  }

  /**
   * Markdown explanation of parsed manifests, with a mermaid flowchart per StatefulSet.
   *
   * @param manifests the Kubernetes objects
   * @param options explain options
   */
  public static toMarkdown(manifests: any[], options: ExplainOptions = {}): string {
    return renderMarkdown(explainBundle(bundleOf(manifests, options), domainOf(options)), domainOf(options));
  }

  private constructor() {}
}

function bundleOf(manifests: any[], options: ExplainOptions): Bundle {
  return new Bundle(toObjects(fromValues(manifests), options.defaultNamespace ?? DEFAULT_NAMESPACE));
}

function domainOf(options: ExplainOptions): string {
  return options.clusterDomain ?? 'cluster.local';
}
