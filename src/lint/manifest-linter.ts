import { Finding, Severity } from './finding';
import { LintInputError } from './lint-input-error';
import { guarded, listArgument, textArgument } from './private/api';
import type * as Engine from './private/engine';
import { parseYaml } from './private/input/yaml';
import { lazy } from './private/lazy';
import { DEFAULT_NAMESPACE, fromValues, toObjects } from './private/objects';
import { acceptAnnotation } from './private/rules/acceptance';
import { didYouMean, isRuleId } from './private/rules/catalog';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine = lazy(() => require('./private/engine') as typeof Engine);

/**
 * Options for linting manifests.
 */
export interface LintOptions {
  /**
   * Namespace of objects that do not set `metadata.namespace`.
   *
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/**
 * Checks Kubernetes manifests for StatefulSets that are broken between objects:
 * governing services, selectors, disruption budgets, ports and probes, name lengths,
 * references, mounts, network policies, GitOps drift and apply order.
 *
 * Rule ids are stable; the README lists each with its severity. Every method throws
 * `LintInputError`, and only that, for input it cannot read.
 */
export class ManifestLinter {
  /**
   * Lints parsed manifests (plain objects, in apply order). `List` objects are flattened, `null` entries skipped.
   *
   * @param manifests the Kubernetes objects
   * @param options lint options
   */
  public static lint(manifests: any[], options: LintOptions = {}): Finding[] {
    return guarded(() => engine().lintObjects(toObjects(fromValues(listArgument(manifests, 'manifests')), namespaceOf(options))).map(engine().toFinding));
  }

  /**
   * Lints multi-document YAML text.
   *
   * @param text the YAML, documents separated by `---`
   * @param options lint options
   */
  public static lintYaml(text: string, options: LintOptions = {}): Finding[] {
    return guarded(() => engine().lintObjects(toObjects(parseYaml(textArgument(text, 'text'), 'manifests'), namespaceOf(options))).map(engine().toFinding));
  }

  /**
   * Reports StatefulSet changes between two versions of the manifests that a live StatefulSet rejects
   * (`spec.selector`, `spec.serviceName`, `spec.podManagementPolicy`, `spec.volumeClaimTemplates`).
   * Fields the API server fills in (a claim template's `apiVersion`, `kind`, `volumeMode`) count as unchanged.
   *
   * @param previous the objects as applied today
   * @param next the objects about to be applied
   * @param options lint options
   */
  public static compare(previous: any[], next: any[], options: LintOptions = {}): Finding[] {
    return guarded(() => {
      const ns = namespaceOf(options);
      return engine().compareObjects(toObjects(fromValues(listArgument(previous, 'previous'), 'previous'), ns), toObjects(fromValues(listArgument(next, 'next'), 'next'), ns))
        .map(engine().toFinding);
    });
  }

  /**
   * Like `compare`, for YAML text.
   *
   * @param previous the YAML as applied today
   * @param next the YAML about to be applied
   * @param options lint options
   */
  public static compareYaml(previous: string, next: string, options: LintOptions = {}): Finding[] {
    return guarded(() => {
      const ns = namespaceOf(options);
      return engine().compareObjects(toObjects(parseYaml(textArgument(previous, 'previous'), 'previous'), ns), toObjects(parseYaml(textArgument(next, 'next'), 'next'), ns))
        .map(engine().toFinding);
    });
  }

  /**
   * Parses multi-document YAML (`---` separators, `List` objects, empty documents) into plain objects.
   *
   * @param text the YAML
   */
  public static parseYaml(text: string): any[] {
    return guarded(() => parseYaml(textArgument(text, 'text'), 'manifests').map(d => d.value).filter(v => v !== null && v !== undefined));
  }

  /**
   * Whether any finding that is not accepted has error severity.
   *
   * @param findings the findings to check
   */
  public static hasErrors(findings: Finding[]): boolean {
    return findings.some(f => f.severity === Severity.ERROR && f.acceptedReason === undefined);
  }

  /**
   * The annotation that accepts a rule's findings on the object that carries it; its value
   * is the reason, e.g. `accept.stateful-topology.cdk8s.io/secret-missing: created by the operator`.
   *
   * @param rule a rule id, such as `secret-missing`
   */
  public static acceptanceAnnotation(rule: string): string {
    if (typeof rule !== 'string' || !isRuleId(rule)) {
      throw new LintInputError(`'rule' must be a rule id listed in the README, got ${JSON.stringify(rule)}${typeof rule === 'string' ? didYouMean(rule) : ''}`);
    }
    return acceptAnnotation(rule);
  }

  private constructor() {}
}

function namespaceOf(options: LintOptions): string {
  const ns = options?.defaultNamespace ?? DEFAULT_NAMESPACE;
  if (typeof ns !== 'string' || ns === '') {
    throw new LintInputError(`'defaultNamespace' must be a non-empty string, got ${JSON.stringify(ns)}`);
  }
  return ns;
}
