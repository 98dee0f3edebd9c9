import { execFileSync } from 'child_process';
import * as path from 'path';
import { performance } from 'perf_hooks';

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs `work` once to warm up, then `runs` times, and returns the median wall time in
 * milliseconds. `work` returns its output so the run cannot be optimised away.
 */
export function medianMillis(runs: number, work: () => string): number {
  let bytes = work().length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    bytes += work().length;
    times.push(performance.now() - start);
  }
  if (bytes === 0) {
    throw new Error('the benchmark produced no output');
  }
  return median(times);
}

/**
 * The median time, in fresh node processes, that `require` of the modules in `measured` takes
 * after the modules in `preloaded` are loaded.
 */
export function medianLoadMillis(runs: number, preloaded: string[], measured: string[]): number {
  const root = path.join(__dirname, '..');
  const script = [
    ...preloaded.map(m => `require(${JSON.stringify(m)});`),
    'const start = process.hrtime.bigint();',
    ...measured.map(m => `require(${JSON.stringify(m)});`),
    'process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));',
  ].join('\n');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(Number(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf-8' })));
  }
  return median(times);
}

/** A number with a fixed number of decimals, for tables. */
export function fixed(value: number, decimals = 1): string {
  return value.toFixed(decimals);
}
