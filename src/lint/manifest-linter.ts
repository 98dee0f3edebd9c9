import { Finding, Severity } from './finding';
import { compareObjects, lintObjects, toFinding } from './private/engine';
import { DEFAULT_NAMESPACE, fromValues, parseYaml, toObjects } from './private/objects';

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
 * governing services, selectors, port names, probes, name lengths, references and apply order.
 *
 * Rule ids are stable; the README lists each with its severity.
 */
export class ManifestLinter {
  /**
   * Lints parsed manifests (plain objects, in apply order). `List` objects are flattened, `null` entries skipped.
   *
   * @param manifests the Kubernetes objects
   * @param options lint options
   */
  public static lint(manifests: any[], options: LintOptions = {}): Finding[] {
    return lintObjects(toObjects(fromValues(manifests), namespaceOf(options))).map(toFinding);
  }

  /**
   * Lints multi-document YAML text.
   *
   * @param text the YAML, documents separated by `---`
   * @param options lint options
   */
  public static lintYaml(text: string, options: LintOptions = {}): Finding[] {
    return lintObjects(toObjects(parseYaml(text, 'manifests'), namespaceOf(options))).map(toFinding);
  }

  /**
   * Reports StatefulSet changes between two versions of the manifests that a live StatefulSet rejects
   * (`spec.selector`, `spec.serviceName`, `spec.podManagementPolicy`, `spec.volumeClaimTemplates`).
   *
   * @param previous the objects as applied today
   * @param next the objects about to be applied
   * @param options lint options
   */
  public static compare(previous: any[], next: any[], options: LintOptions = {}): Finding[] {
    const ns = namespaceOf(options);
    return compareObjects(toObjects(fromValues(previous), ns), toObjects(fromValues(next), ns)).map(toFinding);
  }

  /**
   * Like `compare`, for YAML text.
   *
   * @param previous the YAML as applied today
   * @param next the YAML about to be applied
   * @param options lint options
   */
  public static compareYaml(previous: string, next: string, options: LintOptions = {}): Finding[] {
    const ns = namespaceOf(options);
    return compareObjects(toObjects(parseYaml(previous, 'previous'), ns), toObjects(parseYaml(next, 'next'), ns)).map(toFinding);
  }

  /**
   * Parses multi-document YAML (`---` separators, `List` objects, empty documents) into plain objects.
   *
   * @param text the YAML
   */
  public static parseYaml(text: string): any[] {
    return parseYaml(text, 'manifests').map(d => d.value).filter(v => v !== null && v !== undefined);
  }

  /**
   * Whether any finding has error severity.
   *
   * @param findings the findings to check
   */
  public static hasErrors(findings: Finding[]): boolean {
    return findings.some(f => f.severity === Severity.ERROR);
  }

  private constructor() {}
}

function namespaceOf(options: LintOptions): string {
  return options.defaultNamespace ?? DEFAULT_NAMESPACE;
}
