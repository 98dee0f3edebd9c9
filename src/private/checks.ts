import { isLabelKey, isLabelValue } from '../ground/names';
import { Problems, show } from '../ground/problems';

/** Reports names that are not ports of the main container, or repeat one; `names` unset means every port. */
export function checkPortNames(problems: Problems, property: string, names: string[] | undefined, declared: string[], allowEmpty = false): void {
  if (names === undefined) {
    return;
  }
  problems.check(allowEmpty || names.length > 0, property, 'must name at least one port, got []');
  const seen = new Set<string>();
  for (const name of names) {
    problems.check(declared.includes(name), property,
      `must name ports of the main container (declared: ${declared.map(n => `'${n}'`).join(', ')}), got ${show(name)}`);
    problems.check(!seen.has(name), property, `must not name a port twice, got ${show(name)} twice`);
    seen.add(name);
  }
}

/** Reports label keys and values a selector cannot hold. */
export function checkSelectorLabels(problems: Problems, property: string, labels: { [key: string]: string } | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    problems.check(isLabelKey(key) && isLabelValue(value), property,
      `must hold valid label keys and values, got ${show(key)}: ${show(value)}`);
  }
}

/** Reports a value that is not one of an enum's values (from JavaScript, where no compiler checks it). */
export function checkChoice(problems: Problems, property: string, value: string | undefined, allowed: string[]): void {
  problems.check(value === undefined || allowed.includes(value), property,
    `must be one of ${allowed.map(show).join(', ')}, got ${show(value)}`);
}
