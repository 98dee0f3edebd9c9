import { ManifestLinter } from '../../src';
import { Manifest, schemaErrors } from '../util';

/**
 * The checks every example's output passes: the Kubernetes 1.27 schema, the manifest
 * linter (only the findings given, as `<severity> <rule> <object>`, or `accepted <rule> <object>`
 * for a finding the example accepts), and a snapshot.
 * Call inside the example's `describe`.
 */
export function testExampleOutput(manifests: Manifest[], expectedFindings: string[] = []): void {
  test('is valid against the Kubernetes 1.27 schema', () => {
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
  });

  test('the manifest linter reports only the expected findings', () => {
    expect(ManifestLinter.lint(manifests).map(f => `${f.acceptedReason === undefined ? f.severity : 'accepted'} ${f.rule} ${f.object}`)).toEqual(expectedFindings);
  });

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });
}
