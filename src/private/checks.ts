import { Duration, Size } from 'cdk8s';
import { AppIdentity } from '../ground/identity';
import { isLabelKey, isLabelValue } from '../ground/names';
import { Problems, show } from '../ground/problems';

/** Reports an empty list of port names, or a name given twice; `names` unset means every port. */
export function checkPortList(problems: Problems, property: string, names: string[] | undefined, allowEmpty = false): void {
  if (names === undefined) {
    return;
  }
  problems.check(allowEmpty || names.length > 0, property, 'must name at least one port, got []');
  names.forEach((name, i) => {
    problems.check(names.indexOf(name) === i, `${property}[${i}]`, `must not name a port twice, got ${show(name)} twice`);
  });
}

/** Reports names that are not ports of the main container or a sidecar. */
export function checkPortsDeclared(problems: Problems, property: string, names: string[] | undefined, identity: AppIdentity): void {
  (names ?? []).forEach((name, i) => {
    if (identity.port(name) === undefined) {
      const declared = identity.ports.map(p => `'${p.name}'`).join(', ');
      problems.add(`${property}[${i}]`, `must name ports of the main container or a sidecar (declared: ${declared}), got ${show(name)}`);
    }
  });
}

/** Reports label keys and values a selector cannot hold. */
export function checkSelectorLabels(problems: Problems, property: string, labels: { [key: string]: string } | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    problems.check(isLabelKey(key) && isLabelValue(value), property,
      `must hold valid label keys and values, got ${show(key)}: ${show(value)}`);
  }
}

/**
 * Whether `value` is a cdk8s value class with method `method` (a `Duration`, a `Size`).
 * cdk8s refuses a negative amount when such a value is made, in the caller's code; a value
 * of another type (from JavaScript, where no compiler checks it) would throw a TypeError
 * naming no property when it is read, so the checks read it only after this.
 */
function hasMethod(value: unknown, method: string): boolean {
  return typeof (value as { [key: string]: unknown } | undefined)?.[method] === 'function';
}

/**
 * Reports a duration prop, where Kubernetes takes whole seconds, that is not a cdk8s
 * `Duration` or not a whole number of seconds from `min` to the largest int32.
 */
export function checkDuration(problems: Problems, property: string, duration: Duration | undefined, min: number): void {
  if (duration === undefined) {
    return;
  }
  if (!hasMethod(duration, 'toSeconds')) {
    problems.add(property, `must be a cdk8s Duration such as Duration.seconds(30), got ${show(duration)}`);
    return;
  }
  problems.checkSeconds(property, duration.toSeconds({ integral: false }), min);
}

/** Reports a size prop that is not a cdk8s `Size`; returns whether it is one. */
export function checkSize(problems: Problems, property: string, size: Size): boolean {
  const isSize = hasMethod(size, 'toKibibytes');
  problems.check(isSize, property, `must be a cdk8s Size such as Size.gibibytes(10), got ${show(size)}`);
  return isSize;
}

/** Reports a value that is not one of an enum's values (from JavaScript, where no compiler checks it). */
export function checkChoice(problems: Problems, property: string, value: string | undefined, allowed: string[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    problems.add(property, `must be one of ${allowed.map(show).join(', ')}, got ${show(value)}`);
  }
}
