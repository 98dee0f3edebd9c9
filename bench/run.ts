/**
 * Synthesis benchmark: the library against the same objects hand-built with cdk8s-plus-27
 * and as raw ApiObjects from plain JSON, in one run. Prints medians and ratios. With
 * BENCH_BEFORE=<git commit>, the N-apps table also measures the library of that commit, in
 * turns with the others.
 *
 *   npm run bench
 *   BENCH_BEFORE=<commit> npx ts-node --transpile-only bench/run.ts
 */
import * as os from 'os';
import { parseAllDocuments } from 'yaml';
import { libraryAt } from './before';
import { handBuiltApps, handBuiltReplicas } from './hand-built';
import { fixed, medianLoadMillis, medianMillis, medianMillisInTurns } from './measure';
import { libraryApps, libraryReplicas, rawObjects, templateReplicas } from './scenarios';

const APP_COUNTS = [1, 100, 1000];
const REPLICA_COUNTS = [10, 100, 1000];
const TEMPLATE_COUNTS = [10, 1000, 10000];
const LOAD_RUNS = 15;

function runsFor(size: number): number {
  return size >= 1000 ? 9 : size >= 100 ? 15 : 25;
}

function objectsOf(yaml: string): any[] {
  return parseAllDocuments(yaml).map(d => d.toJS()).filter(o => o);
}

interface Row {
  readonly size: number;
  readonly library: number;
  readonly handBuilt: number;
  readonly raw: number;
  /** The library of the BENCH_BEFORE commit. */
  readonly before?: number;
}

function measure(sizes: number[], library: (n: number) => string, handBuilt: (n: number) => string, before?: (n: number) => string): Row[] {
  return sizes.map(size => {
    const objects = objectsOf(library(size));
    const works = [() => library(size), () => handBuilt(size), () => rawObjects(objects)];
    const [libraryMillis, handBuiltMillis, rawMillis, beforeMillis] = medianMillisInTurns(runsFor(size),
      before === undefined ? works : [...works, () => before(size)]);
    return { size, library: libraryMillis, handBuilt: handBuiltMillis, raw: rawMillis, before: beforeMillis };
  });
}

function table(title: string, unit: string, rows: Row[]): void {
  const before = rows.some(r => r.before !== undefined);
  console.log(`\n### ${title}\n`);
  console.log(`| ${unit} | library ms | cdk8s-plus by hand ms | raw ApiObject ms | library / by hand | library / raw |${before ? ' before ms | before / by hand |' : ''}`);
  console.log(`| ---: | ---: | ---: | ---: | ---: | ---: |${before ? ' ---: | ---: |' : ''}`);
  for (const r of rows) {
    const then = r.before === undefined ? '' : ` ${fixed(r.before)} | ${fixed(r.before / r.handBuilt, 2)}x |`;
    console.log(`| ${r.size} | ${fixed(r.library)} | ${fixed(r.handBuilt)} | ${fixed(r.raw)} | ${fixed(r.library / r.handBuilt, 2)}x | ${fixed(r.library / r.raw, 2)}x |${then}`);
  }
}

function verdict(label: string, value: string, ok: boolean): void {
  console.log(`- ${ok ? 'PASS' : 'FAIL'} ${label}: ${value}`);
}

function main(): void {
  console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), medians`);

  const same = libraryApps(1) === handBuiltApps(1);
  console.log(`\nhand-built app gives the same YAML as the library: ${same ? 'yes' : 'NO'}`);

  const beforeRef = process.env.BENCH_BEFORE;
  const beforeLibrary = beforeRef === undefined ? undefined : libraryAt(beforeRef);
  if (beforeRef !== undefined) {
    console.log(`before: the library of commit ${beforeRef}`);
  }
  const apps = measure(APP_COUNTS, n => libraryApps(n), handBuiltApps, beforeLibrary && (n => libraryApps(n, beforeLibrary)));
  table('N apps of 3 members each, one chart', 'apps', apps);
  const replicas = measure(REPLICA_COUNTS, libraryReplicas, handBuiltReplicas);
  table('One app with N members, a shared file and a per-member file each', 'members', replicas);

  console.log('\n### One app with N members configured by templates (shared file, default, template)\n');
  console.log('| members | synthesis ms | StatefulSet bytes | its pod template bytes | ConfigMap bytes |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  const templated = TEMPLATE_COUNTS.map(size => {
    const objects = objectsOf(templateReplicas(size));
    const of = (kind: string) => objects.find(o => o.kind === kind);
    const row = {
      size,
      millis: medianMillis(runsFor(size), () => templateReplicas(size)),
      sts: JSON.stringify(of('StatefulSet')).length,
      template: JSON.stringify(of('StatefulSet').spec.template).length,
      configMap: JSON.stringify(of('ConfigMap')).length,
    };
    console.log(`| ${size} | ${fixed(row.millis)} | ${row.sts} | ${row.template} | ${row.configMap} |`);
    return row;
  });

  const plusLoad = medianLoadMillis(LOAD_RUNS, [], ['cdk8s', 'cdk8s-plus-27']);
  const libraryLoad = medianLoadMillis(LOAD_RUNS, ['cdk8s', 'cdk8s-plus-27'], ['./lib']);
  console.log('\n### Module load\n');
  console.log('| require | ms |');
  console.log('| --- | ---: |');
  console.log(`| cdk8s + cdk8s-plus-27 | ${fixed(plusLoad)} |`);
  console.log(`| the library, after them | ${fixed(libraryLoad)} |`);

  const at = (rows: Row[], size: number) => rows.find(r => r.size === size)!;
  console.log('\n### Targets\n');
  const perApp = at(apps, 1000).library / at(apps, 1000).handBuilt;
  verdict('per-app synthesis at most 1.1x cdk8s-plus by hand (1000 apps)', `${fixed(perApp, 2)}x`, perApp <= 1.1);
  const growth = at(apps, 1000).library / at(apps, 100).library;
  verdict('1000 apps at most 12x the time of 100', `${fixed(growth, 2)}x`, growth <= 12);
  const big = at(replicas, 1000).library;
  verdict('1000 members with per-member files under 1 s', `${fixed(big)} ms`, big < 1000);
  verdict('loading the library adds at most 50 ms', `${fixed(libraryLoad)} ms`, libraryLoad <= 50);
  const largest = templated[templated.length - 1];
  verdict(`${largest.size} members configured by templates under 1 s`, `${fixed(largest.millis)} ms`, largest.millis < 1000);
  const templates = new Set(templated.map(r => r.template));
  const stsGrowth = templated[templated.length - 1].sts - templated[0].sts;
  verdict('the StatefulSet does not grow with the member count: its pod template is the same, only the digits of replicas differ',
    `pod template ${[...templates].join(', ')} bytes, StatefulSet +${stsGrowth} bytes from ${TEMPLATE_COUNTS[0]} to ${largest.size} members`,
    templates.size === 1 && stsGrowth === String(largest.size).length - String(TEMPLATE_COUNTS[0]).length);
}

main();
