import { loadAll } from 'js-yaml';
import { invalidYaml } from '../errors';

/** Deeper nesting than this is refused; real Kubernetes objects stay far below it. */
export const MAX_DEPTH = 512;

/**
 * A document read from YAML (or a value handed to the API), before it is turned into objects.
 */
export interface SourcedDocument {
  /** The file, `-` for standard input, or a label such as `manifests` for values. */
  readonly source: string;
  /** 1-based position of the document in its source. */
  readonly document: number;
  /** 1-based line where the document starts, when it was read from text. */
  readonly line?: number;
  readonly value: unknown;
}

/**
 * Parses multi-document YAML. Each document is parsed on its own, so an error names its
 * document and line, and an alias can never reach into another document (YAML forbids it).
 * Empty documents are kept as `null` values and skipped later.
 */
export function parseYaml(text: string, source: string): SourcedDocument[] {
  const result: SourcedDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    let values: unknown[];
    try {
      values = loadAll(chunk.text, { maxDepth: MAX_DEPTH });
    } catch (e) {
      throw invalidYaml(source, result.length + 1, describeYamlError(e, chunk.line));
    }
    for (const value of values) {
      result.push({ source, document: result.length + 1, line: chunk.contentLine, value });
    }
  }
  return result;
}

function describeYamlError(e: unknown, firstLine: number): string {
  const error = e as { reason?: string; message?: string; mark?: { line: number; column: number } };
  const reason = error.reason ?? String(error.message ?? e).split('\n')[0];
  return error.mark ? `${reason} (line ${firstLine + error.mark.line}, column ${error.mark.column + 1})` : reason;
}

interface Chunk {
  readonly text: string;
  /** 1-based line of the chunk's first character. */
  readonly line: number;
  /** The line the document's content starts on: after a bare `---` line, the next one. */
  readonly contentLine: number;
}

/** A line that starts a document: `---` at the start of the line, then a space, a tab or the end of the line. */
const DOCUMENT_START = /^---(?=[ \t\r]|$)/gm;

/**
 * Splits a stream at its `---` lines. YAML forbids such a line inside any scalar, so this
 * never cuts a document in two. What comes before the first marker is a document of its
 * own only when it has content (not just comments, blank lines and directives).
 */
function splitDocuments(text: string): Chunk[] {
  const starts: number[] = [];
  for (let match = DOCUMENT_START.exec(text); match; match = DOCUMENT_START.exec(text)) {
    starts.push(match.index);
  }
  if (starts.length === 0 || (starts[0] > 0 && hasContent(text.slice(0, starts[0])))) {
    starts.unshift(0);
  } else {
    starts[0] = 0;
  }
  const chunks: Chunk[] = [];
  let line = 1;
  for (let i = 0; i < starts.length; i++) {
    const chunkText = text.slice(starts[i], starts[i + 1] ?? text.length);
    const bareMarker = /^---[ \t]*(#.*)?\r?(\n|$)/.test(chunkText);
    chunks.push({ text: chunkText, line, contentLine: bareMarker ? line + 1 : line });
    line += countNewlines(chunkText);
  }
  return chunks;
}

function hasContent(prefix: string): boolean {
  return prefix.split('\n').some(line => {
    const trimmed = line.trim();
    return trimmed !== '' && !trimmed.startsWith('#') && !line.startsWith('%');
  });
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    count++;
  }
  return count;
}
