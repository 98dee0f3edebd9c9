import { child, FieldPath, pathText } from './values';

/**
 * The expected type of the fields the linter reads, so that every rule can trust them.
 * A shape records what is wrong with a value as `'<path>' must be ..., got ...`;
 * `null` and absent values always pass (Kubernetes treats them as unset).
 */
export type Shape = (value: unknown, path: FieldPath | undefined, problems: string[]) => void;

const INT32_MAX = 2_147_483_647;

export const str: Shape = (value, path, problems) => {
  if (present(value) && typeof value !== 'string') {
    problems.push(expected(path, 'a string', value));
  }
};

export const bool: Shape = (value, path, problems) => {
  if (present(value) && typeof value !== 'boolean') {
    problems.push(expected(path, 'true or false', value));
  }
};

export function int(min: number = 0, max: number = INT32_MAX): Shape {
  return (value, path, problems) => {
    if (present(value) && !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
      problems.push(expected(path, `an integer from ${min} to ${max}`, value));
    }
  };
}

/** A number or a string (ports by number or name, percentages, quantities). */
export const intOrString: Shape = (value, path, problems) => {
  if (present(value) && typeof value !== 'string' && !Number.isInteger(value)) {
    problems.push(expected(path, 'an integer or a string', value));
  }
};

export function oneOf(allowed: string[]): Shape {
  return (value, path, problems) => {
    if (present(value) && !allowed.includes(value as string)) {
      problems.push(expected(path, `one of ${allowed.join(', ')}`, value));
    }
  };
}

export function list(item: Shape): Shape {
  return (value, path, problems) => {
    if (!present(value)) {
      return;
    }
    if (!Array.isArray(value)) {
      problems.push(expected(path, 'a list', value));
      return;
    }
    value.forEach((element, i) => item(element, child(path, i), problems));
  };
}

/** A mapping whose named fields have shapes; other fields are not read, so not checked. */
export function obj(fields: { readonly [name: string]: Shape }): Shape {
  return (value, path, problems) => {
    if (!present(value)) {
      return;
    }
    if (!isMapping(value)) {
      problems.push(expected(path, 'a mapping', value));
      return;
    }
    for (const [name, shape] of Object.entries(fields)) {
      if (Object.prototype.hasOwnProperty.call(value, name)) {
        shape(value[name], child(path, name), problems);
      }
    }
  };
}

/** A mapping with any keys, every value of one shape (labels, ConfigMap data). */
export function map(values: Shape): Shape {
  return (value, path, problems) => {
    if (!present(value)) {
      return;
    }
    if (!isMapping(value)) {
      problems.push(expected(path, 'a mapping', value));
      return;
    }
    for (const [key, element] of Object.entries(value)) {
      values(element, child(path, key), problems);
    }
  };
}

export function isMapping(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined;
}

function expected(path: FieldPath | undefined, what: string, value: unknown): string {
  return `'${pathText(path)}' must be ${what}, got ${describeValue(value)}`;
}

/** A value as messages show it: `a mapping`, `a list`, `'text'`, `7`, `true`. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (isMapping(value)) {
    return 'a mapping';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value).replace(/^"|"$/g, "'");
  }
  return String(value);
}
