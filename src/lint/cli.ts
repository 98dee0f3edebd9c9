#!/usr/bin/env node
import { parseArgs } from 'util';
import { Severity } from './finding';
import { LintInputError } from './lint-input-error';
import { Bundle } from './private/bundle';
import { lintObjects, toFinding } from './private/engine';
import { usageError } from './private/errors';
import { renderMarkdown } from './private/explain/markdown';
import { explainBundle } from './private/explain/model';
import { renderText } from './private/explain/text';
import { readObjects } from './private/files';
import { planChanges } from './private/plan/model';
import { renderPlanMarkdown, renderPlanText } from './private/plan/render';
import { failsAt, formatJson, formatText } from './private/report';
import { formatSarif } from './private/sarif';

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
  cdk8s-stateful lint [--format text|json|sarif] [--fail-on error|warning] [--previous OLD] FILE...
  cdk8s-stateful explain [--format text|markdown] [--cluster-domain DOMAIN] FILE...
  cdk8s-stateful plan --previous OLD [--format text|markdown] FILE...

FILE and OLD are YAML files, '-' reads standard input. A finding is accepted on its object
with the annotation accept.stateful-topology.cdk8s.io/<rule>: <reason>.

exit codes: 0 nothing fails, 1 lint findings at or above --fail-on (default error),
2 usage, input or internal error
`;

interface CommandSpec {
  readonly formats: string[];
  readonly options: string[];
}

const COMMANDS: { readonly [command: string]: CommandSpec } = {
  lint: { formats: ['text', 'json', 'sarif'], options: ['format', 'fail-on', 'previous'] },
  explain: { formats: ['text', 'markdown'], options: ['format', 'cluster-domain'] },
  plan: { formats: ['text', 'markdown'], options: ['format', 'previous'] },
};

const FAIL_ON = [Severity.ERROR, Severity.WARNING] as string[];

interface ParsedArgs {
  readonly command: string;
  readonly format: string;
  readonly failOn: Severity;
  readonly previous?: string;
  readonly clusterDomain: string;
  readonly files: string[];
}

/**
 * Runs the command line and returns the exit code. Never throws: bad input is exit code 2
 * with a message naming the file, document and field.
 *
 * @param argv arguments after the program name, e.g. `['lint', '--format', 'json', 'app.yaml']`
 */
export function main(argv: string[], io: CliIo): number {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    (argv.length === 0 ? io.stderr : io.stdout).write(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    return run(parse(argv), io);
  } catch (e) {
    const message = e instanceof LintInputError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)} (please report it, with the input)`;
    io.stderr.write(`cdk8s-stateful: ${message}\n`);
    return 2;
  }
}

function run(args: ParsedArgs, io: CliIo): number {
  const objects = readObjects(args.files);
  const previous = args.previous === undefined ? undefined : readObjects([args.previous]);
  if (args.command === 'lint') {
    const raw = lintObjects(objects, previous);
    const findings = raw.map(toFinding);
    io.stdout.write(args.format === 'json' ? formatJson(findings) : args.format === 'sarif' ? formatSarif(raw) : formatText(findings, objects.length));
    return failsAt(findings, args.failOn) ? 1 : 0;
  }
  if (args.command === 'plan') {
    const plan = planChanges(new Bundle(previous ?? []), new Bundle(objects));
    io.stdout.write(args.format === 'markdown' ? renderPlanMarkdown(plan) : renderPlanText(plan));
    return 0;
  }
  const explanations = explainBundle(new Bundle(objects), args.clusterDomain);
  io.stdout.write(args.format === 'markdown' ? renderMarkdown(explanations) : renderText(explanations));
  return 0;
}

function parse(argv: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const spec = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!spec) {
    throw usageError(`unknown command '${command}'; use 'lint', 'explain' or 'plan'\n\n${USAGE}`);
  }
  let parsed: { values: { [option: string]: string | boolean | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(spec.options.map(option => [option, { type: 'string' as const }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw usageError(describeParseError(e, command, spec));
  }
  const value = (option: string): string | undefined => {
    const given = parsed.values[option];
    if (given === '') {
      throw usageError(`option '--${option}' needs a value`);
    }
    return typeof given === 'string' ? given : undefined;
  };
  const format = value('format') ?? 'text';
  if (!spec.formats.includes(format)) {
    throw usageError(`'--format' must be one of ${spec.formats.join(', ')} for '${command}', got '${format}'`);
  }
  const failOn = value('fail-on') ?? Severity.ERROR;
  if (!FAIL_ON.includes(failOn)) {
    throw usageError(`'--fail-on' must be one of ${FAIL_ON.join(', ')}, got '${failOn}'`);
  }
  const previous = value('previous');
  if (command === 'plan' && previous === undefined) {
    throw usageError(`'plan' needs --previous OLD: the manifests as applied today\n\n${USAGE}`);
  }
  if (parsed.positionals.length === 0) {
    throw usageError(`'${command}' needs at least one FILE\n\n${USAGE}`);
  }
  return { command, format, failOn: failOn as Severity, previous, clusterDomain: value('cluster-domain') ?? 'cluster.local', files: parsed.positionals };
}

/** Node's parseArgs errors, in this command line's words. */
function describeParseError(e: unknown, command: string, spec: CommandSpec): string {
  const error = e as { code?: string; message?: string };
  const option = /'(-[^' ]*)/.exec(error.message ?? '')?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown option '${option}' for '${command}'; allowed: ${spec.options.map(o => `--${o}`).join(', ')}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return `option '${option}' needs a value`;
  }
  return String(error.message ?? e).split('\n')[0];
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
}
