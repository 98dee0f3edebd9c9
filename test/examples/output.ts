import { ManifestLinter } from '../../src';
import { Manifest, schemaErrors } from '../util';

/**
 * Empty values Kubernetes keeps: an `emptyDir` volume source, and the selectors of a
 * NetworkPolicy peer, where `{}` means every pod or every namespace.
 */
const KEPT_EMPTY = [/\.emptyDir$/, /\.from\[\d+\]\.(podSelector|namespaceSelector)$/];

/** The paths of empty lists, empty maps and nulls in an object, but for those Kubernetes keeps. */
export function droppedEmpties(value: unknown, path: string): string[] {
  if (value === null) {
    return [`${path}: null`];
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? [`${path}: []`] : value.flatMap((item, i) => droppedEmpties(item, `${path}[${i}]`));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as object);
    if (entries.length === 0) {
      return KEPT_EMPTY.some(kept => kept.test(path)) ? [] : [`${path}: {}`];
    }
    return entries.flatMap(([key, item]) => droppedEmpties(item, `${path}.${key}`));
  }
  return [];
}

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

  test('holds no empty list, empty map or null that the API server would drop', () => {
    expect(manifests.flatMap(m => droppedEmpties(m, `${m.kind}/${m.metadata.name}`))).toEqual([]);
  });

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });
}
