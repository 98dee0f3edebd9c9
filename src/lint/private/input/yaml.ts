import type * as JsYaml from 'js-yaml';
import { describeYamlError } from '../../../ground/yaml';
import { invalidYaml } from '../errors';
import { lazy } from '../lazy';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsYaml = lazy(() => require('js-yaml') as typeof JsYaml);

function loadAll(text: string, options: JsYaml.LoadOptions): unknown[] {
  return jsYaml().loadAll(text, options);
}

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

/** Documents are parsed in batches of about this many characters: fewer parser calls, bounded memory. */
const BATCH_CHARS = 256 * 1024;

/**
 * Parses multi-document YAML. Documents are parsed in batches and, when a batch fails, one by
 * one, so an error names its document and line; an alias never reaches into another document
 * (YAML forbids it). Empty documents are kept as `null` values and skipped later.
 */
export function parseYaml(text: string, source: string): SourcedDocument[] {
  const result: SourcedDocument[] = [];
  const chunks = splitDocuments(text);
  for (let first = 0; first < chunks.length;) {
    let last = first;
    let size = chunks[first].text.length;
    while (last + 1 < chunks.length && size + chunks[last + 1].text.length <= BATCH_CHARS) {
      size += chunks[++last].text.length;
    }
    const batch = chunks.slice(first, last + 1);
    const values = batch.length > 1 ? tryLoad(batch.map(c => c.text).join('')) : undefined;
    if (values && values.length === batch.length) {
      values.forEach((value, i) => result.push({ source, document: result.length + 1, line: batch[i].contentLine, value }));
    } else {
      for (const chunk of batch) {
        for (const value of load(chunk, source, result.length + 1)) {
          result.push({ source, document: result.length + 1, line: chunk.contentLine, value });
        }
      }
    }
    first = last + 1;
  }
  return result;
}

/** The documents of a batch, or undefined when it has an error (then each is parsed on its own). */
function tryLoad(text: string): unknown[] | undefined {
  try {
    return loadAll(text, { maxDepth: MAX_DEPTH });
  } catch {
    return undefined;
  }
}

function load(chunk: Chunk, source: string, document: number): unknown[] {
  try {
    return loadAll(chunk.text, { maxDepth: MAX_DEPTH });
  } catch (e) {
    throw invalidYaml(source, document, describeYamlError(e, chunk.line));
  }
}

interface Chunk {
  readonly text: string;
  /** 1-based line of the chunk's first character. */
  readonly line: number;
  /** The line the document's content starts on (its marker line when it has no content). */
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
    chunks.push({ text: chunkText, line, contentLine: line + firstContentLine(chunkText) });
    line += countNewlines(chunkText);
  }
  return chunks;
}

/** How many lines of a chunk come before its content: blank lines, comments, directives and a bare `---`. */
function firstContentLine(chunk: string): number {
  const lines = chunk.slice(0, 4096).split('\n');
  const index = lines.findIndex(line => !/^(\s*(#.*)?|%.*|---[ \t]*(#.*)?)\r?$/.test(line));
  return index < 0 ? 0 : index;
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
