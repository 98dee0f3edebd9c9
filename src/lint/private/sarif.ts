import * as path from 'path';
import { pathToFileURL } from 'url';
import { objectRef } from './objects';
import { RawFinding, RuleId, RULES } from './rules/catalog';

/** The standard's own schema for SARIF 2.1.0. */
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';


/**
 * Findings as a SARIF 2.1.0 log, for code-scanning views: one result per finding, located at
 * the file (relative paths stay relative, for the repository) and line of its object's document and named by `Kind/namespace/name`; accepted
 * findings carry an in-source suppression with their reason.
 */
export function formatSarif(findings: RawFinding[]): string {
  const ids = Object.keys(RULES) as RuleId[];
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-stateful',
          rules: ids.map(id => ({
            id,
            shortDescription: { text: RULES[id].summary },
            help: { text: RULES[id].fix },
            defaultConfiguration: { level: RULES[id].severity },
          })),
        },
      },
      results: findings.map(f => ({
        ruleId: f.rule,
        ruleIndex: ids.indexOf(f.rule),
        level: RULES[f.rule].severity,
        message: { text: f.message },
        locations: [{
          ...(f.subject.source === '-' ? {} : {
            physicalLocation: {
              artifactLocation: { uri: fileUri(f.subject.source) },
              region: { startLine: f.subject.line ?? 1 },
            },
          }),
          logicalLocations: [{ fullyQualifiedName: objectRef(f.subject), kind: 'object' }],
        }],
        ...(f.accepted === undefined ? {} : { suppressions: [{ kind: 'inSource', justification: f.accepted }] }),
      })),
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function fileUri(file: string): string {
  return path.isAbsolute(file) ? pathToFileURL(file).href : encodeURI(file.split(path.sep).join('/'));
}
