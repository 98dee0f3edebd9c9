#!/usr/bin/env node
import { ManifestLinter } from './manifest-linter';
import { compareObjects, lintObjects, sortFindings, toFinding } from './private/engine';
import { LintInputError, usageError } from './private/errors';
import { renderMarkdown } from './private/explain/markdown';
import { explainBundle } from './private/explain/model';
import { renderText } from './private/explain/text';
import { readDocuments } from './private/files';
import { Bundle, toObjects } from './private/objects';
import { formatJson, formatText } from './private/report';

/**
 * Where the command line writes; `process.stdout` and `process.stderr` fit.
 */
export interface CliOutput {
  write(text: string): unknown;
}

/**
 * Streams of the command line.
 */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
}

const USAGE = `usage:
  cdk8s-stateful lint [--format text|json] [--previous old.yaml] FILE...
  cdk8s-stateful explain [--format text|markdown] [--cluster-domain DOMAIN] FILE...

exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or input error
`;

interface ParsedArgs {
  readonly command: string;
  readonly format: string;
  readonly previous?: string;
  readonly clusterDomain: string;
  readonly files: string[];
}

const COMMANDS: { [command: string]: { formats: string[]; flags: string[] } } = {
  lint: { formats: ['text', 'json'], flags: ['--format', '--previous'] },
  explain: { formats: ['text', 'markdown'], flags: ['--format', '--cluster-domain'] },
};

/**
 * Runs the command line and returns the exit code.
 *
 * @param argv arguments after the program name, e.g. `['lint', '--format', 'json', 'app.yaml']`
 */
export function main(argv: string[], io: CliIo): number {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    (argv.length === 0 ? io.stderr : io.stdout).write(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    const args = parseArgs(argv);
    const objects = toObjects(args.files.flatMap(readDocuments));
    if (args.command === 'lint') {
      const raw = [...lintObjects(objects), ...(args.previous ? compareObjects(toObjects(readDocuments(args.previous)), objects) : [])];
      const findings = sortFindings(raw).map(toFinding);
      io.stdout.write(args.format === 'json' ? formatJson(findings) : formatText(findings, objects.length));
      return ManifestLinter.hasErrors(findings) ? 1 : 0;
    }
    const explanations = explainBundle(new Bundle(objects), args.clusterDomain);
    io.stdout.write(args.format === 'markdown' ? renderMarkdown(explanations, args.clusterDomain) : renderText(explanations, args.clusterDomain));
    return 0;
  } catch (e) {
    if (e instanceof LintInputError) {
      io.stderr.write(`cdk8s-stateful: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function parseArgs(argv: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const spec = COMMANDS[command];
  if (!spec) {
    throw usageError(`unknown command '${command}'; use 'lint' or 'explain'\n\n${USAGE}`);
  }
  const values: { [flag: string]: string } = {};
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') {
      files.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      files.push(arg);
      continue;
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!spec.flags.includes(flag)) {
      throw usageError(`unknown option '${flag}' for '${command}'; allowed: ${spec.flags.join(', ')}`);
    }
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') {
      throw usageError(`option '${flag}' needs a value`);
    }
    values[flag] = value;
  }
  const format = values['--format'] ?? 'text';
  if (!spec.formats.includes(format)) {
    throw usageError(`'--format' must be one of ${spec.formats.join(', ')} for '${command}', got '${format}'`);
  }
  if (files.length === 0) {
    throw usageError(`'${command}' needs at least one FILE\n\n${USAGE}`);
  }
  return { command, format, files, previous: values['--previous'], clusterDomain: values['--cluster-domain'] ?? 'cluster.local' };
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
}
