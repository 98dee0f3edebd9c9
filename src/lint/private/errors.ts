import { LintInputError } from '../lint-input-error';

/**
 * Where a problem sits: the file (or `manifests` for values passed to the API), the
 * document's number in it, and, once known, the object.
 */
export interface Place {
  readonly source: string;
  readonly document: number;
  /** `Kind name` of the object, when the document has come that far. */
  readonly object?: string;
}

/** `<source>: document <n> (<Kind name>)`: the start of every message about one document. */
export function describePlace(place: Place): string {
  return `${place.source}: document ${place.document}${place.object ? ` (${place.object})` : ''}`;
}

/** One error for every problem found, so the user sees them all at once. */
export function inputProblems(problems: string[]): LintInputError {
  return new LintInputError(problems.length === 1 ? problems[0] : `${problems.length} problems in the input:\n${problems.map(p => `- ${p}`).join('\n')}`);
}

export function invalidYaml(source: string, document: number, detail: string): LintInputError {
  return new LintInputError(`${source}: invalid yaml: document ${document}: ${detail}`);
}

export function unreadableFile(file: string, detail: string): LintInputError {
  return new LintInputError(`cannot read '${file}': ${detail}`);
}

export function usageError(detail: string): LintInputError {
  return new LintInputError(detail);
}
