import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, findingsOf, fixture } from '../../util';

describe('disruption budgets', () => {
  test('reports a statefulset of two or more members that no budget selects', () => {
    // GIVEN
    const objects = fixture('good.yaml').filter(o => o.kind !== 'PodDisruptionBudget');
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'pdb-missing', 'StatefulSet/data/db');
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain('3 members and no PodDisruptionBudget selects them, so a node drain or cluster upgrade may evict every member at once');
  });

  test('a single member needs no budget', () => {
    const objects = fixture('good.yaml').filter(o => o.kind !== 'PodDisruptionBudget');
    byKindAndName(objects, 'StatefulSet', 'db').spec.replicas = 1;
    expect(findingsOf(ManifestLinter.lint(objects), 'pdb-missing', 'StatefulSet/data/db')).toEqual([]);
  });

  test('reports a budget over a statefulset without unhealthyPodEvictionPolicy', () => {
    const objects = fixture('good.yaml');
    delete byKindAndName(objects, 'PodDisruptionBudget', 'db').spec.unhealthyPodEvictionPolicy;
    const f = findingOf(ManifestLinter.lint(objects), 'pdb-eviction-policy-unset', 'PodDisruptionBudget/data/db');
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain('a member that is not ready (crash-looping, stuck in startup) cannot be evicted and blocks every node drain; set unhealthyPodEvictionPolicy: AlwaysAllow');
  });
});
