/**
 * Kubernetes' `$(VAR)` expansion, as kubelet applies it to env values, `command`, `args`
 * and `subPathExpr`:
 *
 * - `$(NAME)` becomes the value of NAME when it is defined, and stays `$(NAME)` when not;
 * - `$$` becomes `$`, so `$$(NAME)` is the literal text `$(NAME)`;
 * - a `$` followed by anything else, and an unclosed `$(`, stay as they are.
 */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c !== '$' || i + 1 === input.length) {
      out += c;
      i += 1;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    const close = next === '(' ? input.indexOf(')', i + 2) : -1;
    if (close < 0) {
      // Not a reference: the `$` is kept, the next character is read as usual.
      out += '$';
      i += 1;
      continue;
    }
    const name = input.slice(i + 2, close);
    out += lookup(name) ?? `$(${name})`;
    i = close + 1;
  }
  return out;
}

/** An env entry whose value is known: literal values are expanded, others are resolved already. */
export interface ResolvedEnvVar {
  readonly name: string;
  readonly value: string;
  /** Literal values (`value:`) are expanded; values from fields, Secrets or ConfigMaps are not. */
  readonly literal: boolean;
}

/**
 * The container's environment in order: each literal value is expanded with the variables
 * defined before it (a later definition of a name replaces an earlier one).
 */
export function containerEnvironment(env: readonly ResolvedEnvVar[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const entry of env) {
    result.set(entry.name, entry.literal ? expand(entry.value, name => result.get(name)) : entry.value);
  }
  return result;
}
