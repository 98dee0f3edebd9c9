import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, fixture } from '../../util';

describe('publishNotReadyAddresses', () => {
  test('reports publishNotReadyAddresses on a load-balanced service', () => {
    const objects = fixture('mysql.yaml');
    byKindAndName(objects, 'Service', 'mysql-read').spec.publishNotReadyAddresses = true;
    const f = findingOf(ManifestLinter.lint(objects), 'publish-not-ready-not-headless', 'Service/default/mysql-read');
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain('marks every endpoint ready, so load-balanced clients reach unready pods');
  });
});
