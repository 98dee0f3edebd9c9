/**
 * Raised for input the linter cannot work with: bad arguments, unreadable files, invalid YAML,
 * documents that are not Kubernetes objects or whose fields have the wrong type. The message
 * names the file (or `manifests` for values), the document and the field. It is the only
 * error the linter and explainer throw; the command line turns it into exit code 2.
 *
 * jsii cannot export a subclass of `Error` to other languages, so the class is not part of the
 * package's main API: TypeScript code imports it from `cdk8s-stateful-topology/lib/lint/lint-input-error`,
 * any code can test `error.name === 'LintInputError'`.
 */
export class LintInputError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'LintInputError';
    Object.setPrototypeOf(this, LintInputError.prototype);
  }
}
