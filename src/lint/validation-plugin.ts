import { Severity } from './finding';
import { LintInputError } from './lint-input-error';
import { lintObjects, toFinding } from './private/engine';
import { readObjects } from './private/files';
import { K8sObject } from './private/objects';
import { failsAt } from './private/report';
import { RULES } from './private/rules/catalog';

/**
 * Properties of the validation plugin, as given under `properties` in `cdk8s.yaml`.
 */
export interface StatefulTopologyValidationProps {
  /**
   * The least severity that fails synthesis: `error`, or `warning` to fail on warnings too.
   * Findings below it are logged. Accepted findings never fail.
   *
   * @default - `warning` when `failOnWarnings` is true, else `error`
   */
  readonly failOn?: Severity;

  /**
   * Also fail synthesis on warning findings; the same as `failOn: warning`.
   *
   * @deprecated use `failOn: warning`
   * @default false
   */
  readonly failOnWarnings?: boolean;
}

/**
 * A resource named in a cdk8s-cli validation violation.
 */
export interface ViolatingResourceLike {
  readonly resourceName: string;
  readonly locations: readonly string[];
  readonly manifestPath: string;
}

/**
 * What cdk8s records about the construct that made a resource.
 */
export interface ResourceMetadataLike {
  /** The construct path of the resource. */
  readonly path: string;
}

/**
 * The parts of the cdk8s-cli validation context this plugin uses.
 */
export interface ValidationContextLike {
  /** Paths of the synthesized manifests. */
  readonly manifests: readonly string[];
  /**
   * Construct metadata by resource name (`construct-metadata.json`); cdk8s keeps one entry per
   * name, so objects that share a name share an entry.
   *
   * @default - no construct paths
   */
  readonly metadata?: { readonly [resourceName: string]: ResourceMetadataLike };
  /** The report to fill. */
  readonly report: {
    addViolation(violation: {
      readonly ruleName: string;
      readonly recommendation: string;
      readonly fix: string;
      readonly violatingResources: ReadonlyArray<ViolatingResourceLike>;
    }): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  /** Logger of the validation. */
  readonly logger: { log(message: string): void };
}

/**
 * cdk8s validation plugin running the StatefulSet lint rules on the synthesized manifests,
 * so `cdk8s synth` fails with a report. Configure it in `cdk8s.yaml` under `validations`.
 */
export class StatefulTopologyValidation {
  private readonly failOn: Severity;
  private readonly propsProblem?: string;

  public constructor(props: StatefulTopologyValidationProps = {}) {
    const failOnWarnings = props.failOnWarnings === true || String(props.failOnWarnings) === 'true';
    const failOn = props.failOn ?? (failOnWarnings ? Severity.WARNING : Severity.ERROR);
    const allowed = [Severity.ERROR, Severity.WARNING] as string[];
    this.failOn = allowed.includes(failOn) ? failOn : Severity.ERROR;
    if (!allowed.includes(failOn)) {
      this.propsProblem = `'failOn' must be one of ${allowed.join(', ')}, got '${failOn}'`;
    }
  }

  /**
   * Lints all manifests as one bundle and reports every failing finding as a violation,
   * naming the construct that made the object.
   */
  public async validate(context: ValidationContextLike): Promise<void> {
    if (this.propsProblem) {
      this.fail(context, 'invalid properties of StatefulTopologyValidation in cdk8s.yaml', this.propsProblem, "set failOn to 'error' or 'warning'");
      return;
    }
    let objects: K8sObject[];
    try {
      objects = readObjects([...context.manifests]);
    } catch (e) {
      if (!(e instanceof LintInputError)) {
        throw e;
      }
      this.fail(context, 'input-error', e.message, 'fix the manifest as the message says');
      return;
    }
    const raws = lintObjects(objects);
    const findings = raws.map(toFinding);
    const constructs = new ConstructPaths(objects, context.metadata ?? {});
    raws.forEach((raw, i) => {
      const f = findings[i];
      const construct = constructs.of(raw.subject);
      const where = `${f.object}${construct.path ? `, construct ${construct.path}` : ''}`;
      if (f.acceptedReason !== undefined) {
        context.logger.log(`accepted ${f.rule} ${where}: ${f.message} (accepted: ${f.acceptedReason})`);
      } else if (!failsAt([f], this.failOn)) {
        context.logger.log(`${f.severity} ${f.rule} ${where}: ${f.message}`);
      } else {
        context.report.addViolation({
          ruleName: `${f.severity} ${f.rule} (${where})`,
          recommendation: f.message,
          fix: RULES[raw.rule].fix,
          violatingResources: [{
            resourceName: construct.exact ? raw.subject.name : `${raw.subject.kind}/${raw.subject.name}`,
            locations: [`${raw.subject.kind}/${raw.subject.name}`, ...(construct.path ? [`made by construct ${construct.path}`] : [])],
            manifestPath: raw.subject.source,
          }],
        });
      }
    });
    const open = findings.filter(f => f.acceptedReason === undefined);
    const errors = open.filter(f => f.severity === Severity.ERROR).length;
    context.report.submit(failsAt(findings, this.failOn) ? 'failure' : 'success', {
      errors: String(errors),
      warnings: String(open.length - errors),
      accepted: String(findings.length - open.length),
    });
  }

  private fail(context: ValidationContextLike, ruleName: string, recommendation: string, fix: string): void {
    context.report.addViolation({ ruleName, recommendation, fix, violatingResources: [] });
    context.report.submit('failure');
  }
}

/**
 * The construct that made each object, from cdk8s's construct metadata. cdk8s records one path
 * per object name: that of the last object with the name. For that object the path is its own
 * (cdk8s shows it as the violation's construct path). Objects that share the name with a later
 * one were made by the construct that made them both, the parent of the recorded construct (a
 * cdk8s-plus object's `Resource` child counts as the object), and the plugin names that one.
 */
class ConstructPaths {
  private readonly last = new Map<string, K8sObject>();

  public constructor(objects: K8sObject[], private readonly metadata: { readonly [name: string]: ResourceMetadataLike }) {
    objects.forEach(o => this.last.set(o.name, o));
  }

  public of(obj: K8sObject): { readonly path?: string; readonly exact: boolean } {
    const recorded = Object.prototype.hasOwnProperty.call(this.metadata, obj.name) ? this.metadata[obj.name]?.path : undefined;
    if (typeof recorded !== 'string') {
      return { exact: true };
    }
    if (this.last.get(obj.name) === obj) {
      return { path: recorded, exact: true };
    }
    const own = recorded.replace(/\/Resource$/, '');
    return { path: own.includes('/') ? own.slice(0, own.lastIndexOf('/')) : own, exact: false };
  }
}
