import * as fs from 'fs';
import * as path from 'path';
import { Finding, ManifestLinter } from '../../src/lint';

export const FIXTURES = path.join(__dirname, 'fixtures');

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

/**
 * The objects of a fixture file, freshly parsed so a test can change them.
 */
export function fixture(name: string): any[] {
  return ManifestLinter.parseYaml(fs.readFileSync(fixturePath(name), 'utf-8'));
}

/**
 * The object of a bundle with the given kind and name.
 */
export function byKindAndName(objects: any[], kind: string, name: string): any {
  const found = objects.find(o => o.kind === kind && o.metadata?.name === name);
  if (!found) {
    throw new Error(`no ${kind} named ${name} in the bundle`);
  }
  return found;
}

/**
 * The findings of one rule about one object.
 */
export function findingsOf(findings: Finding[], rule: string, object: string): Finding[] {
  return findings.filter(f => f.rule === rule && f.object === object);
}

/**
 * The single finding of one rule about one object; fails the test when there is not exactly one.
 */
export function findingOf(findings: Finding[], rule: string, object: string): Finding {
  const matching = findingsOf(findings, rule, object);
  expect(matching.map(f => `${f.rule} ${f.object}`)).toEqual([`${rule} ${object}`]);
  return matching[0];
}

/**
 * Collects what the command line writes.
 */
export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
