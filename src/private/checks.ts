import { AppIdentity } from '../ground/identity';
import { isLabelKey, isLabelValue } from '../ground/names';
import { Problems, show } from '../ground/problems';

/** Reports an empty list of port names, or a name given twice; `names` unset means every port. */
export function checkPortList(problems: Problems, property: string, names: string[] | undefined, allowEmpty = false): void {
  if (names === undefined) {
    return;
  }
  problems.check(allowEmpty || names.length > 0, property, 'must name at least one port, got []');
  const seen = new Set<string>();
  for (const name of names) {
    problems.check(!seen.has(name), property, `must not name a port twice, got ${show(name)} twice`);
    seen.add(name);
  }
}

/** Reports names that are not ports of the main container or a sidecar. */
export function checkPortsDeclared(problems: Problems, property: string, names: string[] | undefined, identity: AppIdentity): void {
  const declared = identity.ports.map(p => `'${p.name}'`).join(', ');
  for (const name of names ?? []) {
    problems.check(identity.port(name) !== undefined, property,
      `must name ports of the main container or a sidecar (declared: ${declared}), got ${show(name)}`);
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
