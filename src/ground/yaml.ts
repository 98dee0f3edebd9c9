/**
 * A js-yaml parse error in words: its reason and, when it has one, the line and column,
 * counted from `firstLine`, the line of the text's first character.
 */
export function describeYamlError(e: unknown, firstLine: number = 1): string {
  const error = e as { reason?: string; message?: string; mark?: { line: number; column: number } };
  const reason = error.reason ?? String(error.message ?? e).split('\n')[0];
  return error.mark ? `${reason} (line ${firstLine + error.mark.line}, column ${error.mark.column + 1})` : reason;
}
