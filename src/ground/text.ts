/**
 * Text as the YAML carries it: orderings that do not depend on the machine's locale, and
 * the content a ConfigMap value can hold.
 */

/** Orders strings by UTF-16 code units, the same on every machine whatever its locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What is wrong with text for a ConfigMap value, or undefined: a lone surrogate has no
 * UTF-8 form (the YAML would not parse), U+FFFD is what decoding left of bytes that were
 * not UTF-8 (the file was binary), and a NUL byte ends the text for most programs.
 */
export function textProblem(text: string): string | undefined {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) {
    return `must be valid Unicode text (it becomes UTF-8 in the YAML), got a lone surrogate at index ${surrogate.index}`;
  }
  if (text.includes('\uFFFD')) {
    return 'must be text that was read as UTF-8, got the replacement character U+FFFD '
      + `at index ${text.indexOf('\uFFFD')}, the mark of bytes that are not UTF-8: binary files cannot be config files`;
  }
  if (text.includes('\0')) {
    return `must not contain NUL characters, got one at index ${text.indexOf('\0')}`;
  }
  return undefined;
}
