import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';

/** A long-running process the harness started, in its own process group. */
export interface Process {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exit: Promise<void>;
  exited: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Every process started and not yet seen to exit, so that all of them can be stopped. */
const running = new Set<Process>();

/**
 * Starts a process in its own process group (so that stopping it stops what it forked),
 * with its output appended to a log file, or discarded.
 */
export function start(name: string, argv: readonly string[], options: { log?: string; env?: NodeJS.ProcessEnv } = {}): Process {
  const out = options.log ? fs.openSync(options.log, 'a') : 'ignore';
  const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', out, out], env: options.env ?? process.env });
  if (typeof out === 'number') {
    fs.closeSync(out);
  }
  let resolveExit: () => void = () => undefined;
  const proc: Process = {
    name,
    child,
    exited: false,
    exitCode: null,
    signal: null,
    exit: new Promise<void>(resolve => { resolveExit = resolve; }),
  };
  const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
    proc.exited = true;
    proc.exitCode = code;
    proc.signal = signal;
    running.delete(proc);
    resolveExit();
  };
  child.on('exit', onExit);
  child.on('error', error => {
    if (options.log) {
      fs.appendFileSync(options.log, `cannot start ${argv[0]}: ${error.message}\n`);
    }
    onExit(127, null);
  });
  running.add(proc);
  return proc;
}

function killGroup(proc: Process, signal: NodeJS.Signals): void {
  if (proc.exited || proc.child.pid === undefined) {
    return;
  }
  try {
    process.kill(-proc.child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** How long a process may take to go after SIGKILL before the harness stops waiting for it. */
const KILL_TIMEOUT_MS = 5000;

/** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when the process exited. */
export async function stop(proc: Process, graceMs: number): Promise<void> {
  killGroup(proc, 'SIGTERM');
  const timer = setTimeout(() => killGroup(proc, 'SIGKILL'), graceMs);
  await Promise.race([proc.exit, sleep(graceMs + KILL_TIMEOUT_MS)]);
  clearTimeout(timer);
  // Whatever else the group holds goes with it.
  killGroup(proc, 'SIGKILL');
}

let stoppingAll = false;

/** Stops every process the harness started. */
export async function stopAll(graceMs: number): Promise<void> {
  stoppingAll = true;
  try {
    await Promise.all([...running].map(proc => stop(proc, graceMs)));
  } finally {
    stoppingAll = false;
  }
}

/** Whether processes exit because `stopAll` stops them. */
export function isStoppingAll(): boolean {
  return stoppingAll;
}

/** Runs a command to its end, killing it (and its group) after `timeoutMs`. */
export async function run(argv: readonly string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv; input?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // Gone already.
      }
      reject(new Error(`timed out after ${options.timeoutMs} ms: ${argv.join(' ')}`));
    }, options.timeoutMs);
    child.on('error', error => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${argv[0]}: ${error.message}`));
    });
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Runs a command that must succeed; returns its standard output. */
export async function runOk(argv: readonly string[], timeoutMs = 10000): Promise<string> {
  const result = await run(argv, { timeoutMs });
  if (result.code !== 0) {
    throw new Error(`${argv.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Polls `check` until it returns true; fails after `timeoutMs` naming what was awaited.
 * A check that throws ends the wait with its error.
 */
export async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean> | boolean, intervalMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!await check()) {
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    }
    await sleep(intervalMs);
  }
}
