import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../../../src/lint/private/rules/catalog';

type RuleId = keyof typeof RULES;

/** The rows of the README's rule table: the rule ids of each row, its severity column and the checks of other linters it names. */
function readmeRuleRows(): Array<{ ids: RuleId[]; severity: string; seeAlso: string[] }> {
  const readme = fs.readFileSync(path.join(__dirname, '../../../../README.md'), 'utf-8');
  const table = readme.slice(readme.indexOf('| rule | severity | finds |'));
  const rows = table.split('\n').slice(2);
  const end = rows.findIndex(row => !row.startsWith('|'));
  return rows.slice(0, end).map(row => {
    const [ids, severity, , seeAlso] = row.split(' | ').map(cell => cell.replace(/^\| /, ''));
    return {
      ids: [...ids.matchAll(/`([a-z-]+)`/g)].map(m => m[1] as RuleId),
      severity: severity.trim(),
      seeAlso: [...(seeAlso ?? '').matchAll(/(kube-score|kube-linter) `([a-z-]+)`/g)].map(m => `${m[1]} ${m[2]}`),
    };
  });
}

describe('the rule catalog', () => {
  test('the README lists every rule once, and no rule the catalog lacks', () => {
    const listed = readmeRuleRows().flatMap(row => row.ids);
    expect([...listed].sort()).toEqual(Object.keys(RULES).sort());
  });

  test('the README gives each rule the severity of the catalog', () => {
    for (const row of readmeRuleRows()) {
      const severities = [...new Set(row.ids.map(id => RULES[id].severity))].sort();
      expect({ ids: row.ids, severity: row.severity }).toEqual({ ids: row.ids, severity: severities.join(' / ') });
    }
  });

  test('the README names the kube-score and kube-linter checks of each row, as the catalog does', () => {
    for (const row of readmeRuleRows()) {
      const checks = [...new Set(row.ids.flatMap(id => RULES[id].seeAlso))].sort();
      expect({ ids: row.ids, seeAlso: [...row.seeAlso].sort() }).toEqual({ ids: row.ids, seeAlso: checks });
    }
  });

  test('every rule has a summary and a fix', () => {
    for (const [id, rule] of Object.entries(RULES)) {
      expect({ id, summary: rule.summary.length > 0, fix: rule.fix.length > 0 }).toEqual({ id, summary: true, fix: true });
    }
  });
});
