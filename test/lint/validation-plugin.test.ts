import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixturePath } from './util';
import { StatefulTopologyValidation } from '../../src/lint/validation-plugin';

/** Records what the plugin does with the report, the way cdk8s-cli hands it over. */
function fakeContext(manifests: string[]) {
  const violations: any[] = [];
  const logs: string[] = [];
  const submitted: any[] = [];
  return {
    violations,
    logs,
    submitted,
    context: {
      manifests,
      report: {
        addViolation: (v: any) => violations.push(v),
        submit: (status: string, metadata?: any) => submitted.push({ status, metadata }),
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
    expect(fake.submitted).toEqual([{ status: 'success', metadata: { errors: '0', warnings: '0' } }]);
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
    expect(fake.submitted).toEqual([{ status: 'failure', metadata: { errors: '1', warnings: '1' } }]);
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

  test('fails on warnings with failOnWarnings', async () => {
    const manifest = path.join(dir, 'warn.yaml');
    fs.writeFileSync(manifest, STS_WITHOUT_PROBE);
    const fake = fakeContext([manifest]);
    await new StatefulTopologyValidation({ failOnWarnings: true }).validate(fake.context);
    expect(fake.violations.map(v => v.ruleName)).toEqual(['warning readiness-probe-missing (StatefulSet/default/web)']);
    expect(fake.submitted[0].status).toBe('failure');
  });
});
