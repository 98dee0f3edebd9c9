/**
 * The edit-to-YAML loop: `cdk8s synth` of examples/zookeeper the way it ran before (the app
 * command `npx ts-node --prefer-ts-exts main.ts`, which type-checks on every run, and the
 * cdk8s-cli update check) against the way the examples and the README run it now
 * (`--no-check-upgrade` and the app command of the example's cdk8s.yaml), and each app command
 * alone. Medians of fresh processes after a warm-up run; the variants take turns, so a change
 * of machine load hits all of them alike. Needs no network: the update check is timed as it
 * runs on the machine, and nothing depends on its answer.
 *
 *   npm run bench
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { parse } from 'yaml';
import { fixed, median } from './measure';

const RUNS = 5;
const EXAMPLE = path.join(__dirname, '..', 'examples', 'zookeeper');
const OUTPUT = 'zookeeper.k8s.yaml';
const BEFORE_APP = 'npx ts-node --prefer-ts-exts main.ts';
const NOW_APP: string = parse(fs.readFileSync(path.join(EXAMPLE, 'cdk8s.yaml'), 'utf-8')).app;

interface Variant {
  readonly label: string;
  /** A shell command line, run in the example's directory. */
  readonly command: string;
  /** Runs the app alone: the output directory comes from CDK8S_OUTDIR, as cdk8s-cli passes it. */
  readonly appAlone: boolean;
}

const VARIANTS = {
  synthBefore: { label: `\`npx cdk8s synth\`, app \`${BEFORE_APP}\` (before)`, command: `npx cdk8s synth --app "${BEFORE_APP}"`, appAlone: false },
  synthNow: { label: `\`npx cdk8s synth --no-check-upgrade\`, app \`${NOW_APP}\` (now)`, command: 'npx cdk8s synth --no-check-upgrade', appAlone: false },
  appBefore: { label: `the app alone: \`${BEFORE_APP}\``, command: BEFORE_APP, appAlone: true },
  appNow: { label: `the app alone: \`${NOW_APP}\``, command: NOW_APP, appAlone: true },
};
type Name = keyof typeof VARIANTS;

interface Run { readonly millis: number; readonly output: string; readonly yaml: string }

function runOnce(variant: Variant, outdir: string): Run {
  fs.rmSync(outdir, { recursive: true, force: true });
  const command = variant.appAlone ? variant.command : `${variant.command} --output "${outdir}"`;
  const env = variant.appAlone ? { ...process.env, CDK8S_OUTDIR: outdir } : process.env;
  const start = performance.now();
  const result = spawnSync(command, { cwd: EXAMPLE, env, shell: true, encoding: 'utf-8' });
  const millis = performance.now() - start;
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) {
    throw new Error(`'${command}' failed with exit ${result.status}:\n${output}`);
  }
  return { millis, output, yaml: fs.readFileSync(path.join(outdir, OUTPUT), 'utf-8') };
}

function main(): void {
  console.log('\n## The edit-to-YAML loop: `cdk8s synth` of examples/zookeeper\n');
  console.log(`node ${process.version}, ${os.cpus().length} cores, medians of ${RUNS} runs after a warm-up`);

  const names = Object.keys(VARIANTS) as Name[];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-loop-'));
  const runs: Record<Name, Run[]> = { synthBefore: [], synthNow: [], appBefore: [], appNow: [] };
  try {
    for (let i = 0; i <= RUNS; i++) {
      for (const name of names) {
        const run = runOnce(VARIANTS[name], path.join(tmp, name));
        if (i > 0) {
          runs[name].push(run);
        }
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const ms = (name: Name) => median(runs[name].map(r => r.millis));
  console.log('\n| what runs | median ms |');
  console.log('| --- | ---: |');
  for (const name of names) {
    console.log(`| ${VARIANTS[name].label} | ${fixed(ms(name), 0)} |`);
  }

  const yamls = new Set(names.flatMap(name => runs[name].map(r => r.yaml)));
  console.log(`\nevery variant writes the same YAML: ${yamls.size === 1 ? 'yes' : 'NO'}`);
  const noisy = (name: Name) => runs[name].filter(r => /cdk8s-cli is available|http error/.test(r.output)).length;
  console.log(`runs that print the update check's message: before ${noisy('synthBefore')} of ${RUNS}, now ${noisy('synthNow')} of ${RUNS}`);

  const ratio = ms('synthNow') / ms('synthBefore');
  console.log('\n### Targets\n');
  console.log(`- ${ratio <= 0.5 ? 'PASS' : 'FAIL'} \`cdk8s synth\` now at most 0.5x before: ${fixed(ratio, 2)}x`);
  const appShare = ms('appNow') / ms('synthNow');
  console.log(`- the app alone is ${fixed(appShare * 100, 0)}% of \`cdk8s synth\` now; the rest is cdk8s-cli and the validation plugin`);
}

main();
