/**
 * Raised for input the linter cannot work with: bad arguments, unreadable files, invalid YAML.
 * The command line turns it into exit code 2.
 */
export class LintInputError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'LintInputError';
  }
}

export function invalidYaml(source: string, detail: string): LintInputError {
  return new LintInputError(`${source}: invalid yaml: ${detail}`);
}

export function notAnObject(source: string, document: number, detail: string): LintInputError {
  return new LintInputError(`${source}: document ${document} is not a kubernetes object: ${detail}`);
}

export function unreadableFile(file: string, detail: string): LintInputError {
  return new LintInputError(`cannot read '${file}': ${detail}`);
}

export function usageError(detail: string): LintInputError {
  return new LintInputError(detail);
}
