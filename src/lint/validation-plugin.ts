import { Severity } from './finding';
import { lintObjects, toFinding } from './private/engine';
import { readObjects } from './private/files';
import { RULES } from './private/rules/catalog';

/**
 * Properties of the validation plugin, as given under `properties` in `cdk8s.yaml`.
 */
export interface StatefulTopologyValidationProps {
  /**
   * Also fail synthesis on warning findings. Warnings are logged either way.
   *
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
 * The parts of the cdk8s-cli validation context this plugin uses.
 */
export interface ValidationContextLike {
  /** Paths of the synthesized manifests. */
  readonly manifests: readonly string[];
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
  private readonly failOnWarnings: boolean;

  public constructor(props: StatefulTopologyValidationProps = {}) {
    this.failOnWarnings = props.failOnWarnings === true || String(props.failOnWarnings) === 'true';
  }

  /**
   * Lints all manifests as one bundle and reports every failing finding as a violation.
   */
  public async validate(context: ValidationContextLike): Promise<void> {
    const findings = lintObjects(readObjects([...context.manifests]));
    let failed = false;
    for (const raw of findings) {
      const f = toFinding(raw);
      if (f.severity === Severity.WARNING && !this.failOnWarnings) {
        context.logger.log(`warning ${f.rule} ${f.object}: ${f.message}`);
        continue;
      }
      failed = true;
      context.report.addViolation({
        ruleName: `${f.severity} ${f.rule} (${f.object})`,
        recommendation: f.message,
        fix: RULES[raw.rule].fix,
        violatingResources: [{ resourceName: raw.subject.name, locations: [`${raw.subject.kind}/${raw.subject.name}`], manifestPath: raw.subject.source }],
      });
    }
    const errors = findings.filter(r => RULES[r.rule].severity === Severity.ERROR).length;
    context.report.submit(failed ? 'failure' : 'success', {
      errors: String(errors),
      warnings: String(findings.length - errors),
    });
  }
}
