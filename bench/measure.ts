import { execFileSync } from 'child_process';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Node's `gc()`, which `--expose-gc` would give: each timed run starts from a collected heap. */
setFlagsFromString('--expose-gc');
const collectGarbage: () => void = runInNewContext('gc');

/**
 * Runs each of `works` once to warm up, then `runs` times, taking turns in one order and
 * then the other (so a change of machine load, or what one run leaves behind, hits them
 * alike), each timed run after a full garbage collection (so no run
 * pays for the garbage of another), and returns the median wall time of each in
 * milliseconds, in the order of `works`. Each work returns its output so the run cannot be
 * optimised away.
 */
export function medianMillisInTurns(runs: number, works: Array<() => string>): number[] {
  let bytes = works.reduce((sum, work) => sum + work().length, 0);
  const times: number[][] = works.map(() => []);
  for (let i = 0; i < runs; i++) {
    const turn = works.map((work, w) => ({ work, w }));
    (i % 2 === 0 ? turn : turn.reverse()).forEach(({ work, w }) => {
      collectGarbage();
      const start = performance.now();
      bytes += work().length;
      times[w].push(performance.now() - start);
    });
  }
  if (bytes === 0) {
    throw new Error('the benchmark produced no output');
  }
  return times.map(median);
}

/** The median wall time of `work`, measured as by `medianMillisInTurns`. */
export function medianMillis(runs: number, work: () => string): number {
  return medianMillisInTurns(runs, [work])[0];
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
