import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../../../src/lint/private/rules/catalog';

/** The rows of the README's rule table: the rule ids of each row and its severity column. */
function readmeRuleRows(): Array<{ ids: string[]; severity: string }> {
  const readme = fs.readFileSync(path.join(__dirname, '../../../../README.md'), 'utf-8');
  const table = readme.slice(readme.indexOf('| rule | severity | finds |'));
  const rows = table.split('\n').slice(2);
  const end = rows.findIndex(row => !row.startsWith('|'));
  return rows.slice(0, end).map(row => {
    const [ids, severity] = row.split('|').slice(1, 3);
    return { ids: [...ids.matchAll(/`([a-z-]+)`/g)].map(m => m[1]), severity: severity.trim() };
  });
}

describe('the rule catalog', () => {
  test('the README lists every rule once, and no rule the catalog lacks', () => {
    const listed = readmeRuleRows().flatMap(row => row.ids);
    expect([...listed].sort()).toEqual(Object.keys(RULES).sort());
  });

  test('the README gives each rule the severity of the catalog', () => {
    for (const row of readmeRuleRows()) {
      const severities = [...new Set(row.ids.map(id => RULES[id as keyof typeof RULES].severity))].sort();
      expect({ ids: row.ids, severity: row.severity }).toEqual({ ids: row.ids, severity: severities.join(' / ') });
    }
  });
});
