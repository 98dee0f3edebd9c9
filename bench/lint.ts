/**
 * Linter benchmark: `cdk8s-stateful lint` on bundles of 1,000 to 16,000 three-member apps
 * (and 100,000 with BENCH_LINT_100K=1), each size in fresh node processes so that time and
 * memory are its own. Prints time and memory per app, the growth from 1,000 to 16,000 apps,
 * the parse-only baseline of the same files, and a StatefulSet of 2,147,483,647 members.
 *
 *   npm run bench                       (after the synthesis benchmark)
 *   BENCH_LINT_100K=1 npx ts-node --transpile-only bench/lint.ts
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { fixed, median } from './measure';
import { libraryApps } from './scenarios';

const SIZES = [1000, 2000, 4000, 8000, 16000];
const LARGE = 100000;
const RUNS = 3;
const OUT = path.join(__dirname, '..', 'bench-results', 'lint');

/**
 * One app as it would be written by hand or by a chart: a headless Service, a StatefulSet of
 * three members with a named port, a readiness probe and a claim template, a client Service
 * and a disruption budget. About 1 KB of YAML, all apps in one namespace (the worst case for
 * lookups by namespace).
 */
function app(i: number): string {
  const name = `app${i}`;
  return `apiVersion: v1
kind: Service
metadata: {name: ${name}-headless, namespace: bench, labels: {app: ${name}}}
spec: {clusterIP: None, publishNotReadyAddresses: true, selector: {app: ${name}}, ports: [{name: client, port: 2181}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}, namespace: bench, labels: {app: ${name}}}
spec:
  serviceName: ${name}-headless
  replicas: 3
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - {name: main, image: "zookeeper:3.8.4", ports: [{name: client, containerPort: 2181}], readinessProbe: {tcpSocket: {port: client}},
           volumeMounts: [{name: data, mountPath: /data}]}
  volumeClaimTemplates:
    - {apiVersion: v1, kind: PersistentVolumeClaim, metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: bench, labels: {app: ${name}}}
spec: {selector: {app: ${name}}, ports: [{name: client, port: 2181, targetPort: client}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${name}, namespace: bench}
spec: {maxUnavailable: 1, unhealthyPodEvictionPolicy: AlwaysAllow, selector: {matchLabels: {app: ${name}}}}
`;
}

/** The 526-byte manifest that once exhausted the heap: a StatefulSet of 2,147,483,647 members. */
const HUGE_STATEFULSET = `apiVersion: v1
kind: Service
metadata: {name: big, namespace: bench}
spec: {clusterIP: None, selector: {app: big}, ports: [{name: client, port: 2181}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: big, namespace: bench}
spec:
  serviceName: big
  replicas: 2147483647
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec:
      containers: [{name: main, image: "zookeeper:3.8.4", ports: [{name: client, containerPort: 2181}], readinessProbe: {tcpSocket: {port: client}}}]
`;

interface ChildResult {
  readonly millis: number;
  readonly exitCode: number;
  readonly outputBytes: number;
  readonly maxRssMb: number;
  readonly heapMb: number;
}

/** Runs the command line in a fresh node process; the child measures itself. */
function runChild(args: string[]): ChildResult {
  const cli = path.join(__dirname, '..', 'lib', 'lint', 'cli.js');
  const script = `
    const { performance } = require('perf_hooks');
    const { main } = require(${JSON.stringify(cli)});
    let bytes = 0;
    const sink = { write: s => { bytes += s.length; return true; } };
    const start = performance.now();
    const exitCode = main(${JSON.stringify(args)}, { stdout: sink, stderr: sink });
    const millis = performance.now() - start;
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    process.stdout.write(JSON.stringify({ millis, exitCode, outputBytes: bytes, maxRssMb: process.resourceUsage().maxRSS / 1024, heapMb }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8192', '-e', script], { encoding: 'utf-8', maxBuffer: 1024 * 1024 }));
}

function writeBundle(count: number): { file: string; bytes: number } {
  const file = path.join(OUT, `apps-${count}.yaml`);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(app(i));
  }
  fs.writeFileSync(file, parts.join('---\n'));
  return { file, bytes: fs.statSync(file).size };
}

/** Median wall time of parsing a file with a parser, in this process: the baseline. */
function parseMillis(file: string, parse: (text: string) => unknown, runs: number): number {
  const text = fs.readFileSync(file, 'utf-8');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    parse(text);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Peak RSS of linting a file with one object: what the process needs before any app. */
function baselineRssMb(): number {
  const file = path.join(OUT, 'empty.yaml');
  fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: empty, namespace: bench}\n');
  const rss = median(Array.from({ length: RUNS }, () => runChild(['lint', file]).maxRssMb));
  fs.rmSync(file);
  return rss;
}

interface Row {
  readonly apps: number;
  readonly megabytes: number;
  readonly millis: number;
  readonly parseMillis: number;
  readonly maxRssMb: number;
  readonly exitCode: number;
}

function measure(count: number, runs: number): Row {
  const { file, bytes } = writeBundle(count);
  const results = Array.from({ length: runs }, () => runChild(['lint', '--format', 'json', file]));
  const row = {
    apps: count,
    megabytes: bytes / 2 ** 20,
    millis: median(results.map(r => r.millis)),
    parseMillis: parseMillis(file, text => loadAll(text), runs),
    maxRssMb: Math.max(...results.map(r => r.maxRssMb)),
    exitCode: results[0].exitCode,
  };
  fs.rmSync(file);
  return row;
}

function verdict(label: string, value: string, ok: boolean): void {
  console.log(`- ${ok ? 'PASS' : 'FAIL'} ${label}: ${value}`);
}

function main(): void {
  fs.mkdirSync(OUT, { recursive: true });
  console.log(`\n## Linter\n\nnode ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), medians of ${RUNS} fresh processes\n`);

  const sizes = process.env.BENCH_LINT_100K === '1' ? [...SIZES, LARGE] : SIZES;
  const baseline = baselineRssMb();
  const rows = sizes.map(count => measure(count, count >= LARGE ? 1 : RUNS));
  const perAppKb = (r: Row) => (r.maxRssMb - baseline) * 1024 / r.apps;
  console.log('### `cdk8s-stateful lint --format json` on N three-member apps in one namespace\n');
  console.log(`Peak RSS of a process that lints one object: ${fixed(baseline, 0)} MB; memory per app is the peak RSS above that.\n`);
  console.log('| apps | MB of YAML | lint s | ms per app | parse only (js-yaml) s | lint / parse | peak RSS MB | KB per app | exit |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.apps} | ${fixed(r.megabytes)} | ${fixed(r.millis / 1000, 2)} | ${fixed(r.millis / r.apps, 3)} | ${fixed(r.parseMillis / 1000, 2)} `
      + `| ${fixed(r.millis / r.parseMillis, 2)}x | ${fixed(r.maxRssMb, 0)} | ${fixed(perAppKb(r), 1)} | ${r.exitCode} |`);
  }

  const first = path.join(OUT, 'apps-1000.yaml');
  writeBundle(1000);
  const formerParser = parseMillis(first, text => parseAllDocuments(text).map(d => d.toJS()), RUNS);
  const parser = parseMillis(first, text => loadAll(text), RUNS);
  fs.rmSync(first);
  console.log(`\nParsing the 1,000-app bundle: js-yaml ${fixed(parser)} ms, the yaml package (the former parser) ${fixed(formerParser)} ms (${fixed(formerParser / parser, 1)}x).`);

  const library = path.join(OUT, 'library-1000.yaml');
  fs.writeFileSync(library, libraryApps(1000));
  const libraryRun = median(Array.from({ length: RUNS }, () => runChild(['lint', '--format', 'json', library]).millis));
  console.log(`The library's own output for 1,000 apps (${fixed(fs.statSync(library).size / 2 ** 20)} MB): lint ${fixed(libraryRun)} ms, `
    + `${fixed(libraryRun / 1000, 3)} ms per app.`);
  fs.rmSync(library);

  const huge = path.join(OUT, 'huge.yaml');
  fs.writeFileSync(huge, HUGE_STATEFULSET);
  const lintHuge = runChild(['lint', huge]);
  const explainHuge = runChild(['explain', huge]);
  const markdownHuge = runChild(['explain', '--format', 'markdown', huge]);
  console.log(`\n### A StatefulSet of 2,147,483,647 members (${fs.statSync(huge).size} bytes of YAML)\n`);
  console.log('| command | ms | output bytes | peak RSS MB |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [label, r] of [['lint', lintHuge], ['explain', explainHuge], ['explain --format markdown', markdownHuge]] as const) {
    console.log(`| ${label} | ${fixed(r.millis)} | ${r.outputBytes} | ${fixed(r.maxRssMb, 0)} |`);
  }
  fs.rmSync(huge);

  const at = (count: number) => rows.find(r => r.apps === count)!;
  const growth = (at(16000).millis / 16000) / (at(1000).millis / 1000);
  console.log('\n### Targets\n');
  verdict('time per app at 16,000 apps at most 1.5x the time per app at 1,000', `${fixed(growth, 2)}x`, growth <= 1.5);
  const memoryGrowth = perAppKb(at(16000)) / perAppKb(at(1000));
  verdict('memory per app at 16,000 apps at most 1.5x the memory per app at 1,000', `${fixed(memoryGrowth, 2)}x`, memoryGrowth <= 1.5);
  const large = rows.find(r => r.apps === LARGE);
  if (large) {
    verdict('100,000 apps lint in under 60 s', `${fixed(large.millis / 1000, 1)} s`, large.millis < 60000);
  } else {
    console.log('- (100,000 apps: run with BENCH_LINT_100K=1)');
  }
  verdict('a StatefulSet of 2,147,483,647 members lints and explains in under 1 s and 10 KB of output',
    `${fixed(Math.max(lintHuge.millis, explainHuge.millis, markdownHuge.millis))} ms, ${Math.max(explainHuge.outputBytes, markdownHuge.outputBytes)} bytes`,
    Math.max(lintHuge.millis, explainHuge.millis, markdownHuge.millis) < 1000 && Math.max(explainHuge.outputBytes, markdownHuge.outputBytes) < 10240);
  verdict('every bundle lints clean (exit 0)', rows.map(r => r.exitCode).join(', '), rows.every(r => r.exitCode === 0));
}

main();
