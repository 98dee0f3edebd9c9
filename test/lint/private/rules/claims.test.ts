import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, fixture } from '../../util';

describe('claims-abandoned', () => {
  test('a renamed StatefulSet whose selector still selects the old pods leaves every member\'s claim behind', () => {
    // GIVEN db renamed to db2, the same pods
    const previous = fixture('good.yaml');
    const next = fixture('good.yaml');
    byKindAndName(next, 'StatefulSet', 'db').metadata.name = 'db2';
    // WHEN
    const f = findingOf(ManifestLinter.compare(previous, next), 'claims-abandoned', 'StatefulSet/data/db2');
    // THEN
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toBe('members db2-0, db2-1, db2-2 would start on new, empty claims (data-db2-0, data-db2-1, data-db2-2) '
      + 'while the claims with their data stay unmounted (data-db-0, data-db-1, data-db-2), because the statefulset db becomes db2 '
      + "(the same pods under another name), and a member's claim is named after its statefulset; keep the statefulset's name and its "
      + "claim templates' names: with this library, adopt the live statefulset (the app's 'adopt' prop, LiveStatefulSet.fromFile)");
  });

  test('a renamed claim template leaves the old claims behind', () => {
    const previous = fixture('good.yaml');
    const next = fixture('good.yaml');
    byKindAndName(next, 'StatefulSet', 'db').spec.volumeClaimTemplates[0].metadata.name = 'storage';
    const f = findingOf(ManifestLinter.compare(previous, next), 'claims-abandoned', 'StatefulSet/data/db');
    expect(f.message).toContain('(data-db-0, data-db-1, data-db-2), because a claim template is renamed or removed');
  });

  test('counts the members past the first three instead of listing them', () => {
    const previous = fixture('good.yaml');
    byKindAndName(previous, 'StatefulSet', 'db').spec.replicas = 100;
    const next = fixture('good.yaml');
    byKindAndName(next, 'StatefulSet', 'db').spec.replicas = 100;
    byKindAndName(next, 'StatefulSet', 'db').metadata.name = 'db2';
    expect(findingOf(ManifestLinter.compare(previous, next), 'claims-abandoned', 'StatefulSet/data/db2').message)
      .toContain('members db2-0, db2-1, db2-2 and 97 more would start on new, empty claims (data-db2-0, data-db2-1, data-db2-2 and 97 more)');
  });

  test('stays quiet when the name and the claim templates stay, the replicas change, or there are no claims', () => {
    const previous = fixture('good.yaml');
    const next = fixture('good.yaml');
    byKindAndName(next, 'StatefulSet', 'db').spec.replicas = 7;
    expect(ManifestLinter.compare(previous, next).filter(f => f.rule === 'claims-abandoned')).toEqual([]);
    delete byKindAndName(previous, 'StatefulSet', 'db').spec.volumeClaimTemplates;
    byKindAndName(next, 'StatefulSet', 'db').metadata.name = 'db2';
    expect(ManifestLinter.compare(previous, next).filter(f => f.rule === 'claims-abandoned')).toEqual([]);
  });

  test('runs only with the previous manifests', () => {
    const next = fixture('good.yaml');
    byKindAndName(next, 'StatefulSet', 'db').metadata.name = 'db2';
    expect(ManifestLinter.lint(next).filter(f => f.rule === 'claims-abandoned')).toEqual([]);
  });
});
