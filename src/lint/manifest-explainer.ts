import { guarded, listArgument } from './private/api';
import { Bundle } from './private/bundle';
import type * as Explain from './private/explain/explain';
import { lazy } from './private/lazy';
import { DEFAULT_NAMESPACE, fromValues, toObjects } from './private/objects';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const explain = lazy(() => require('./private/explain/explain') as typeof Explain);

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
    return guarded(() => explain().explainAsText(bundleOf(manifests, options), domainOf(options)));
  }

  /**
   * Markdown explanation of parsed manifests, with a mermaid flowchart per StatefulSet; every
   * value from the manifests is escaped.
   *
   * @param manifests the Kubernetes objects
   * @param options explain options
   */
  public static toMarkdown(manifests: any[], options: ExplainOptions = {}): string {
    return guarded(() => explain().explainAsMarkdown(bundleOf(manifests, options), domainOf(options)));
  }

  private constructor() {}
}

function bundleOf(manifests: any[], options: ExplainOptions): Bundle {
  return new Bundle(toObjects(fromValues(listArgument(manifests, 'manifests')), options?.defaultNamespace ?? DEFAULT_NAMESPACE));
}

function domainOf(options: ExplainOptions): string {
  return options?.clusterDomain ?? 'cluster.local';
}
