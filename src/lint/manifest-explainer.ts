import { guarded, listArgument } from './private/api';
import { Bundle } from './private/bundle';
import { renderMarkdown } from './private/explain/markdown';
import { explainBundle } from './private/explain/model';
import { renderText } from './private/explain/text';
import { DEFAULT_NAMESPACE, fromValues, toObjects } from './private/objects';

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
 * Explains StatefulSets for a reviewer: each member's pod name, DNS name and files, the start
 * order (waits on other apps included), what a drain may take, the claims and their retention,
 * who may connect on which ports, the rollout strategy, and which services reach which members.
 * A StatefulSet of more than 50 members is summarized by its first and last 10.
 * Every method throws `LintInputError`, and only that, for input it cannot read.
 */
export class ManifestExplainer {
  /**
   * Plain-text explanation of parsed manifests.
   *
   * @param manifests the Kubernetes objects
   * @param options explain options
   */
  public static explain(manifests: any[], options: ExplainOptions = {}): string {
    return guarded(() => renderText(explainBundle(bundleOf(manifests, options), domainOf(options))));
  }

  /**
   * Markdown explanation of parsed manifests, with a mermaid flowchart per StatefulSet; every
   * value from the manifests is escaped.
   *
   * @param manifests the Kubernetes objects
   * @param options explain options
   */
  public static toMarkdown(manifests: any[], options: ExplainOptions = {}): string {
    return guarded(() => renderMarkdown(explainBundle(bundleOf(manifests, options), domainOf(options))));
  }

  private constructor() {}
}

function bundleOf(manifests: any[], options: ExplainOptions): Bundle {
  return new Bundle(toObjects(fromValues(listArgument(manifests, 'manifests')), options?.defaultNamespace ?? DEFAULT_NAMESPACE));
}

function domainOf(options: ExplainOptions): string {
  return options?.clusterDomain ?? 'cluster.local';
}
