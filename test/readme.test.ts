import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as library from '../src';
import { ManifestLinter } from '../src';

/** The code block under a heading of the README. */
function codeBlock(heading: string): string {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf-8');
  const section = readme.slice(readme.indexOf(`## ${heading}\n`));
  return section.slice(section.indexOf('```ts\n') + 6, section.indexOf('\n```', section.indexOf('```ts\n')));
}

describe('README', () => {
  test('the Quick start synthesizes, hands out the names its comments say, and passes the linter, exactly as written', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'quick-start-'));
    const checks: Array<[unknown, unknown]> = [];
    // Each `expression; // value` line also records what the expression returned.
    const code = codeBlock('Quick start').replace(/^(web\.[^;]+);\s*\/\/ (.+)$/gm, '__check($1, $2);');
    const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = (name: string) => (name === 'cdk8s-stateful-topology' ? library : require(name));
    const previous = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    try {
      new Function('require', 'exports', '__check', js)(load, {}, (actual: unknown, expected: unknown) => checks.push([actual, expected]));
      expect(checks.length).toEqual(5);
      for (const [actual, expected] of checks) {
        expect(actual).toEqual(expected);
      }
      const yaml = fs.readdirSync(outdir).map(f => fs.readFileSync(path.join(outdir, f), 'utf-8')).join('---\n');
      expect(ManifestLinter.lintYaml(yaml)).toEqual([]);
      expect(yaml).toContain('kind: StatefulSet');
    } finally {
      if (previous === undefined) {
        delete process.env.CDK8S_OUTDIR;
      } else {
        process.env.CDK8S_OUTDIR = previous;
      }
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('the Examples table lists every example, each linking its app', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf-8');
    const section = readme.slice(readme.indexOf('## Examples\n'), readme.indexOf('\n## ', readme.indexOf('## Examples\n') + 1));
    const listed = [...section.matchAll(/^\| \[([a-z0-9-]+)\]\(examples\/\1\/main\.ts\) \|/gm)].map(m => m[1]);
    const examples = fs.readdirSync(path.join(__dirname, '..', 'examples'))
      .filter(name => fs.existsSync(path.join(__dirname, '..', 'examples', name, 'cdk8s.yaml')));
    expect(listed.sort()).toEqual(examples.sort());
  });
});
