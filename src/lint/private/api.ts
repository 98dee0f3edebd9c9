import { LintInputError } from '../lint-input-error';
import { describeValue } from './input/shape';

/**
 * Runs a public API call so that it throws only `LintInputError`: anything else escaping is a
 * bug of the linter, and says so.
 */
export function guarded<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (e instanceof LintInputError) {
      throw e;
    }
    throw new LintInputError(`internal error: ${(e as Error)?.message ?? String(e)} (please report it, with the input)`);
  }
}

/** An argument that must be a list of manifests. */
export function listArgument(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new LintInputError(`'${name}' must be a list of kubernetes objects, got ${describeValue(value)}`);
  }
  return value;
}

/** An argument that must be YAML text. */
export function textArgument(value: unknown, name: string): string {
  if (typeof value !== 'string') {
    throw new LintInputError(`'${name}' must be yaml text, got ${describeValue(value)}`);
  }
  return value;
}
