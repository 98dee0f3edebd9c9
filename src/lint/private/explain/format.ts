/**
 * How names and other values from the manifests are written into an explanation. Values come
 * from any YAML, so they may hold newlines, code fences or markup: text output shows control
 * characters as escapes, Markdown output puts names in code spans and escapes the rest.
 */
export interface Formatter {
  /** A name or other literal value (object names, paths, labels). */
  name(value: string): string;
  /** Free text taken from the manifests. */
  plain(value: string): string;
}

/** Control characters as JSON-style escapes, so a value stays on one line. */
export function visible(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, c => JSON.stringify(c).slice(1, -1).replace(/^\\u00/, '\\x'));
}

export const TEXT: Formatter = { name: visible, plain: visible };

/** Markdown: names in code spans (with `|` escaped, for table cells), text with every ASCII punctuation escaped. */
export const MARKDOWN: Formatter = { name: markdownCode, plain: markdownText };

/** Escapes every ASCII punctuation character, so nothing in the value is markup. */
export function markdownText(value: string): string {
  return visible(value).replace(/[!-/:-@[-`{-~]/g, c => `\\${c}`);
}

/**
 * A code span that holds the value literally: the fence is one backtick longer than the
 * longest run inside, padded when the value starts or ends with a backtick, and `|` is
 * escaped so the span can sit in a table cell (GitHub unescapes it inside code).
 */
export function markdownCode(value: string): string {
  const text = visible(value).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A Mermaid node label inside double quotes: everything but plain characters as `#<code>;` entities. */
export function mermaidLabel(value: string): string {
  return [...value].map(c => /[A-Za-z0-9 ._:/()=,-]/.test(c) ? c : `#${c.codePointAt(0)};`).join('');
}

/** Numbers with thousands separators: `1,000,000`. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}
