import { isIntegerIn, MAX_INT32 } from './numbers';

/**
 * The one place where invalid input turns into errors: problems are collected,
 * then thrown together, each naming the property, the bad value and what is allowed.
 */
export class Problems {
  private readonly messages: string[] = [];

  /**
   * @param path the construct path of the construct that was given the input
   * @param subject what was invalid, e.g. `OrderedStatefulAppProps` or `addOrdinalFile()`
   */
  constructor(private readonly path: string, private readonly subject: string) {}

  /** Records a problem with `property`: `message` says what is allowed and the bad value. */
  public add(property: string, message: string): void {
    this.messages.push(`'${property}' ${message}`);
  }

  /** Records a problem when `condition` is false. */
  public check(condition: boolean, property: string, message: string): void {
    if (!condition) {
      this.add(property, message);
    }
  }

  /**
   * Records a problem unless `value` is an integer from `min` to `max`; the largest int32
   * by default, as most integer fields of Kubernetes objects are.
   */
  public checkInteger(property: string, value: unknown, min: number, max: number = MAX_INT32): void {
    this.check(isIntegerIn(value, min, max), property, `must be an integer from ${min} to ${max}, got ${show(value)}`);
  }

  /**
   * Records a problem unless `seconds` (a duration, where Kubernetes takes whole seconds)
   * is a whole number from `min` to `max`.
   */
  public checkSeconds(property: string, seconds: number, min: number, max: number = MAX_INT32): void {
    if (!Number.isInteger(seconds)) {
      this.add(property, `must be a whole number of seconds, got ${show(seconds)} seconds`);
    } else {
      this.check(seconds >= min && seconds <= max, property, `must be from ${min} to ${max} seconds, got ${seconds} seconds`);
    }
  }

  /** The problems as one error message for `node.addValidation`, or none. */
  public toValidationErrors(): string[] {
    return this.messages.length > 0 ? [formatProblems(this.path, this.subject, this.messages)] : [];
  }

  /** Throws one error listing every problem, if there is any. */
  public throwIfAny(): void {
    if (this.messages.length > 0) {
      throw new Error(formatProblems(this.path, this.subject, this.messages));
    }
  }
}

/**
 * The error of a method called with an argument it cannot serve: `'<path>': <message>`.
 * Thrown at once, since the caller needs the value now.
 */
export function callError(path: string, message: string): Error {
  return new Error(`'${path}': ${message}`);
}

/** The text of a validation error: `'<path>': invalid <subject>:` and one `- ` line a problem. */
function formatProblems(path: string, subject: string, messages: string[]): string {
  return [`'${path}': invalid ${subject}:`, ...messages.map(m => `- ${m}`)].join('\n');
}

/**
 * A value as it appears in an error message: strings quoted, numbers as JavaScript writes
 * them (`NaN`, `Infinity`, `1e+21`), anything else as JSON.
 */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value);
  }
  return JSON.stringify(value, (_key, v) => typeof v === 'number' && !Number.isFinite(v) ? String(v) : v) ?? String(value);
}
