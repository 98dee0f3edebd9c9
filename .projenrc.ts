import * as fs from 'fs';
import { cdk8s, javascript, JsonFile } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-stateful-topology',
  description: 'Typed cdk8s constructs for clustered, stateful apps: ordered StatefulSets, headless Services, stable DNS identity and per-member configuration',
  author: 'cdk8s-stateful-topology authors',
  authorAddress: 'maintainers@cdk8s-stateful-topology.dev',
  repositoryUrl: 'https://github.com/cdk8s-stateful-topology/cdk8s-stateful-topology.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  jsiiVersion: '~6.0.0',
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',
  keywords: ['cdk8s', 'kubernetes', 'statefulset', 'headless-service', 'zookeeper', 'mysql'],

  peerDeps: ['cdk8s-plus-27@^2.9.5'],
  // jsii libraries ship their runtime dependencies bundled. The linter parses YAML with
  // js-yaml: about nine times faster than the yaml package on large bundles (BENCHMARKS.md).
  bundledDeps: ['js-yaml@^5.5.0'],
  bin: { 'cdk8s-stateful': 'lib/lint/cli.js' },
  devDeps: ['cdk8s-cli@2.207.60', 'ajv@^8.17.1', 'yaml@^2.9.1'],

  // The project lives on its own CI script (.ci/run); no hosted workflows.
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  jestOptions: {
    // `npm test` never writes snapshots; `npx projen test:update` is the deliberate update.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/examples/.*/dist/'],
    },
  },
  gitignore: ['examples/*/dist/', '/bench-results/'],

  // Lint every TypeScript file; `npm test` reports problems and never rewrites a file
  // (`npx projen eslint:fix` does, deliberately).
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'e2e', 'projenrc'],
    commandOptions: { fix: false },
  },

});

// Type-check every TypeScript file, not only what jsii compiles: ts-jest transpiles the tests
// without type-checking them, and the examples and the benchmark are run by ts-node without it.
// Each folder has a tsconfig.json of its own, which eslint's project service also reads.
for (const dir of ['examples', 'bench', 'e2e']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { rootDir: '..', noEmit: true },
      include: ['**/*.ts'],
      exclude: ['**/node_modules', '**/dist'],
    },
  });
}
const typecheck = project.addTask('typecheck', {
  description: 'Type-check the tests, examples, benchmark, end-to-end run and .projenrc.ts (jsii compiles src)',
});
for (const config of ['test/tsconfig.json', 'examples/tsconfig.json', 'bench/tsconfig.json', 'e2e/tsconfig.json', 'projenrc/tsconfig.json']) {
  typecheck.exec(`tsc --noEmit -p ${config}`);
}
project.testTask.spawn(typecheck);
project.addTask('eslint:fix', { description: 'Fix what eslint can fix, in every linted folder' })
  .spawn(project.eslint!.eslintTask, { args: ['--fix'] });

project.addPackageIgnore('/examples/');
project.addPackageIgnore('/bench/');
project.addPackageIgnore('/.ci/');
project.addPackageIgnore('/e2e/');

// Synthesize every example with the real cdk8s CLI (each example has its own cdk8s.yaml,
// whose validation plugin is the compiled linter in lib/). cdk8s-cli reads its update check
// switch only from the command line or CDK8S_CHECK_UPGRADE, not from cdk8s.yaml.
const synthExamples = project.addTask('synth:examples', {
  description: 'Synthesize every app under examples/ to YAML with `cdk8s synth`',
});
synthExamples.spawn(project.compileTask);
const examples = fs.readdirSync('examples').filter(name => fs.existsSync(`examples/${name}/cdk8s.yaml`)).sort();
for (const example of examples) {
  synthExamples.exec('cdk8s synth --no-check-upgrade', { cwd: `examples/${example}` });
}

// The synthesis benchmark: a script that prints numbers, run against the compiled library.
const bench = project.addTask('bench', {
  description: 'Benchmark synthesis against hand-built cdk8s-plus objects and raw ApiObjects, then the linter on large bundles',
});
bench.spawn(project.compileTask);
bench.exec('ts-node --transpile-only bench/run.ts');
bench.exec('ts-node --transpile-only bench/synth-loop.ts');
bench.exec('ts-node --transpile-only bench/lint.ts');

// Lint the synthesized examples with the package's own command line.
project.addTask('lint:examples', {
  description: 'Lint the YAML of every example with `cdk8s-stateful lint`',
  exec: 'node lib/lint/cli.js lint examples/*/dist/*.k8s.yaml',
});

// The package as an app repo consumes it: packed, installed into a fresh cdk8s app in a
// temporary directory, synthesized with `cdk8s synth` and the validation plugin, linted.
const consumer = project.addTask('test:consumer', {
  description: 'Install the packed package into a fresh cdk8s app, synthesize and lint it',
});
consumer.spawn(project.compileTask);
consumer.exec('ts-node --transpile-only test/consumer/installed-package.ts');

// The end-to-end run: each example's members as real servers in network namespaces (needs
// root and Debian packages; see README). First the harness's own tests, then the run; it
// reads the YAML that synth:examples wrote. `npm run e2e -- zookeeper` runs one example.
const e2e = project.addTask('e2e', {
  description: 'Run every example\'s StatefulSets with real servers and check that their members form their clusters (root)',
});
e2e.exec('jest --ci --coverage=false --testMatch "<rootDir>/e2e/**/*.test.ts"');
e2e.exec('ts-node --project e2e/tsconfig.json e2e/run.ts', { receiveArgs: true });

project.synth();
