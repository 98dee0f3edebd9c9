import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixturePath } from './util';
import { Severity } from '../../src/lint';
import { StatefulTopologyValidation } from '../../src/lint/validation-plugin';

/** Records what the plugin does with the report, the way cdk8s-cli hands it over. */
function fakeContext(manifests: string[], metadata?: { [name: string]: { path: string } }) {
  const violations: any[] = [];
  const logs: string[] = [];
  const submitted: any[] = [];
  return {
    violations,
    logs,
    submitted,
    context: {
      manifests,
      metadata,
      report: {
        addViolation: (v: any) => violations.push(v),
        submit: (status: string, summary?: any) => submitted.push({ status, metadata: summary }),
      },
      logger: { log: (m: string) => logs.push(m) },
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-plugin-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const SPEC = 'spec: { serviceName: web, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } } } }';
const STS_WITHOUT_SERVICE = `kind: StatefulSet\nmetadata: { name: web }\n${SPEC}\n`;
const STS_WITHOUT_PROBE = `kind: Service\nmetadata: { name: web }\nspec: { clusterIP: None }\n---\n${STS_WITHOUT_SERVICE}`;

describe('validation plugin', () => {
  test('submits success for clean manifests', async () => {
    const fake = fakeContext([fixturePath('good.yaml')]);
    await new StatefulTopologyValidation().validate(fake.context);
    expect(fake.violations).toEqual([]);
    expect(fake.submitted).toEqual([{ status: 'success', metadata: { errors: '0', warnings: '0', accepted: '0' } }]);
  });

  test('reports an error finding as a violation and fails', async () => {
    // GIVEN
    const manifest = path.join(dir, 'app.k8s.yaml');
    fs.writeFileSync(manifest, STS_WITHOUT_SERVICE);
    const fake = fakeContext([manifest]);
    // WHEN
    await new StatefulTopologyValidation({}).validate(fake.context);
    // THEN
    const violation = fake.violations.find(v => v.ruleName === 'error governing-service-missing (StatefulSet/default/web)');
    expect(violation).toEqual({
      ruleName: 'error governing-service-missing (StatefulSet/default/web)',
      recommendation: expect.stringContaining("spec.serviceName 'web' names no service"),
      fix: expect.stringContaining('add a headless service'),
      violatingResources: [{ resourceName: 'web', locations: ['StatefulSet/web'], manifestPath: manifest }],
    });
    expect(fake.submitted).toEqual([{ status: 'failure', metadata: { errors: '1', warnings: '1', accepted: '0' } }]);
  });

  test('logs warnings without failing by default', async () => {
    const manifest = path.join(dir, 'warn.yaml');
    fs.writeFileSync(manifest, STS_WITHOUT_PROBE);
    const fake = fakeContext([manifest]);
    await new StatefulTopologyValidation().validate(fake.context);
    expect(fake.violations).toEqual([]);
    expect(fake.logs).toEqual([expect.stringMatching(/^warning readiness-probe-missing StatefulSet\/default\/web: /)]);
    expect(fake.submitted[0].status).toBe('success');
  });

  test('fails on warnings with failOn: warning', async () => {
    const manifest = path.join(dir, 'warn.yaml');
    fs.writeFileSync(manifest, STS_WITHOUT_PROBE);
    const fake = fakeContext([manifest]);
    await new StatefulTopologyValidation({ failOn: 'warning' as Severity }).validate(fake.context);
    expect(fake.violations.map(v => v.ruleName)).toEqual(['warning readiness-probe-missing (StatefulSet/default/web)']);
    expect(fake.submitted[0].status).toBe('failure');
  });

  test('fails with a violation naming the property when failOn is not a severity', async () => {
    const fake = fakeContext([fixturePath('good.yaml')]);
    await new StatefulTopologyValidation({ failOn: 'never' as Severity }).validate(fake.context);
    expect(fake.violations).toEqual([{
      ruleName: 'invalid properties of StatefulTopologyValidation in cdk8s.yaml',
      recommendation: "'failOn' must be one of error, warning, got 'never'",
      fix: "set failOn to 'error' or 'warning'",
      violatingResources: [],
    }]);
    expect(fake.submitted).toEqual([{ status: 'failure', metadata: undefined }]);
  });

  test('reports a malformed manifest as a violation instead of throwing', async () => {
    const manifest = path.join(dir, 'bad.yaml');
    fs.writeFileSync(manifest, 'kind: StatefulSet\nmetadata: { name: web }\nspec: { replicas: many }\n');
    const fake = fakeContext([manifest]);
    await new StatefulTopologyValidation().validate(fake.context);
    expect(fake.violations.map(v => [v.ruleName, v.recommendation])).toEqual([
      ['input-error', `${manifest}: document 1 (StatefulSet web): 'spec.replicas' must be an integer from 0 to 2147483647, got 'many'`],
    ]);
    expect(fake.submitted[0].status).toBe('failure');
  });

  test('logs an accepted finding with its reason and does not fail', async () => {
    const manifest = path.join(dir, 'accepted.yaml');
    fs.writeFileSync(manifest, STS_WITHOUT_SERVICE.replace('metadata: { name: web }',
      "metadata: { name: web, annotations: { 'accept.stateful-topology.cdk8s.io/governing-service-missing': 'another repository' } }"));
    const fake = fakeContext([manifest]);
    await new StatefulTopologyValidation().validate(fake.context);
    expect(fake.violations).toEqual([]);
    expect(fake.logs).toContainEqual(expect.stringMatching(/^accepted governing-service-missing StatefulSet\/default\/web: .* \(accepted: another repository\)$/));
    expect(fake.submitted).toEqual([{ status: 'success', metadata: { errors: '0', warnings: '1', accepted: '1' } }]);
  });

  test('names the construct of the object when cdk8s recorded its path', async () => {
    // GIVEN cdk8s recorded the path of the only object named web-svc
    const manifest = path.join(dir, 'app.k8s.yaml');
    fs.writeFileSync(manifest, 'kind: Service\nmetadata: { name: web-svc }\nspec: { selector: { app: nothing } }\n---\n' + STS_WITHOUT_PROBE);
    const fake = fakeContext([manifest], { 'web-svc': { path: 'chart/web/ClientService/Resource' } });
    // WHEN
    await new StatefulTopologyValidation().validate(fake.context);
    // THEN cdk8s looks the path up by the resource name
    const violation = fake.violations.find(v => v.ruleName.startsWith('error service-selects-nothing'));
    expect(violation.ruleName).toBe('error service-selects-nothing (Service/default/web-svc, construct chart/web/ClientService/Resource)');
    expect(violation.violatingResources).toEqual([{
      resourceName: 'web-svc', locations: ['Service/web-svc', 'made by construct chart/web/ClientService/Resource'], manifestPath: manifest,
    }]);
  });

  test('names the construct that made an object whose name a later object shares', async () => {
    // GIVEN a statefulset and a pdb named web; cdk8s kept only the pdb's path
    const manifest = path.join(dir, 'app.k8s.yaml');
    fs.writeFileSync(manifest, `${STS_WITHOUT_SERVICE}---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web }\n`
      + 'spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: AlwaysAllow, selector: { matchLabels: { app: web } } }\n');
    const fake = fakeContext([manifest], { web: { path: 'chart/web/DisruptionBudget' } });
    // WHEN
    await new StatefulTopologyValidation().validate(fake.context);
    // THEN the statefulset's finding names the app, not the pdb, and not under the pdb's resource name
    const violation = fake.violations.find(v => v.ruleName.startsWith('error governing-service-missing'));
    expect(violation.ruleName).toBe('error governing-service-missing (StatefulSet/default/web, construct chart/web)');
    expect(violation.violatingResources).toEqual([{ resourceName: 'StatefulSet/web', locations: ['StatefulSet/web', 'made by construct chart/web'], manifestPath: manifest }]);
  });

  test('fails on warnings with failOnWarnings', async () => {
    const manifest = path.join(dir, 'warn.yaml');
    fs.writeFileSync(manifest, STS_WITHOUT_PROBE);
    const fake = fakeContext([manifest]);
    await new StatefulTopologyValidation({ failOnWarnings: true }).validate(fake.context);
    expect(fake.violations.map(v => v.ruleName)).toEqual(['warning readiness-probe-missing (StatefulSet/default/web)']);
    expect(fake.submitted[0].status).toBe('failure');
  });
});
