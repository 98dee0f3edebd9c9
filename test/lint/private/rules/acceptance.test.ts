import { ManifestLinter, Severity } from '../../../../src/lint';
import { byKindAndName, findingOf, fixture } from '../../util';

const STS = 'StatefulSet/data/db';

function annotated(annotations: { [key: string]: string }): any[] {
  const objects = fixture('good.yaml').filter(o => o.kind !== 'ConfigMap');
  byKindAndName(objects, 'StatefulSet', 'db').metadata.annotations = annotations;
  return objects;
}

describe('acceptance annotations', () => {
  test('accept the findings of the named rule on the object, with the reason', () => {
    // GIVEN the configmap is created elsewhere, and the statefulset says so
    const objects = annotated({ 'accept.stateful-topology.cdk8s.io/configmap-missing': ' created by the config operator ' });
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'configmap-missing', STS);
    expect(f.acceptedReason).toBe('created by the config operator');
    expect(f.severity).toBe(Severity.WARNING);
    expect(findings.map(x => x.rule)).toEqual(['configmap-missing']);
  });

  test('accept nothing on other objects', () => {
    const objects = annotated({});
    byKindAndName(objects, 'Service', 'db').metadata.annotations = { 'accept.stateful-topology.cdk8s.io/configmap-missing': 'wrong object' };
    const findings = ManifestLinter.lint(objects);
    expect(findingOf(findings, 'configmap-missing', STS).acceptedReason).toBeUndefined();
    expect(findingOf(findings, 'acceptance-unused', 'Service/data/db').message)
      .toBe("annotation 'accept.stateful-topology.cdk8s.io/configmap-missing' accepts nothing: rule configmap-missing finds nothing on this object; remove the annotation");
  });

  test('reports an annotation that names no rule, as an error', () => {
    const f = findingOf(ManifestLinter.lint(annotated({ 'accept.stateful-topology.cdk8s.io/configmap-mising': 'x' })), 'acceptance-invalid', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toBe("annotation 'accept.stateful-topology.cdk8s.io/configmap-mising' names no rule (did you mean 'configmap-missing'?); "
      + "a rule id follows 'accept.stateful-topology.cdk8s.io/', such as 'secret-missing'");
  });

  test('reports an annotation without a reason, and accepts nothing with it', () => {
    const findings = ManifestLinter.lint(annotated({ 'accept.stateful-topology.cdk8s.io/configmap-missing': '  ' }));
    expect(findingOf(findings, 'acceptance-invalid', STS).message).toContain('gives no reason; say why the finding is accepted, for the next reviewer');
    expect(findingOf(findings, 'configmap-missing', STS).acceptedReason).toBeUndefined();
  });

  test('an acceptance of immutable-field-changed is not unused when there is nothing to compare', () => {
    const objects = annotated({ 'accept.stateful-topology.cdk8s.io/immutable-field-changed': 'recreated by the pipeline' });
    expect(ManifestLinter.lint(objects).map(f => f.rule)).toEqual(['configmap-missing']);
  });

  test('accept a change that a live statefulset rejects in compare', () => {
    const previous = fixture('good.yaml');
    const next = fixture('good.yaml');
    const sts = byKindAndName(next, 'StatefulSet', 'db');
    sts.spec.serviceName = 'db2';
    sts.metadata.annotations = { 'accept.stateful-topology.cdk8s.io/immutable-field-changed': 'recreated by the pipeline' };
    expect(findingOf(ManifestLinter.compare(previous, next), 'immutable-field-changed', STS).acceptedReason).toBe('recreated by the pipeline');
  });
});
