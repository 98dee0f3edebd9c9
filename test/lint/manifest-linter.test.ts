import { byKindAndName, findingOf, findingsOf, fixture } from './util';
import { ManifestLinter, Severity } from '../../src/lint';

const STS = 'StatefulSet/data/db';

function statefulSet(objects: any[]): any {
  return byKindAndName(objects, 'StatefulSet', 'db');
}

function dbContainer(objects: any[]): any {
  return statefulSet(objects).spec.template.spec.containers[0];
}

describe('clean manifests', () => {
  test('a statefulset with headless service, configmap, pdb and anti-affinity has no findings', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('a primary/replica bundle without namespaces has no findings', () => {
    expect(ManifestLinter.lint(fixture('mysql.yaml'))).toEqual([]);
  });

  test('an empty bundle has no findings', () => {
    expect(ManifestLinter.lintYaml('---\n---\n')).toEqual([]);
  });
});

describe('governing service', () => {
  test('reports a missing spec.serviceName as an error', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    delete statefulSet(objects).spec.serviceName;
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'governing-service-unset', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain('spec.serviceName is not set');
  });

  test('reports a serviceName with no service of that name in the namespace', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.serviceName = 'db-headless';
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'governing-service-missing', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("spec.serviceName 'db-headless' names no service in namespace 'data'");
  });

  test('a service of the same name in another namespace does not count', () => {
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'Service', 'db').metadata.namespace = 'other';
    const findings = ManifestLinter.lint(objects);
    expect(findingOf(findings, 'governing-service-missing', STS).severity).toBe(Severity.ERROR);
  });

  test('reports a governing service that is not headless', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    delete byKindAndName(objects, 'Service', 'db').spec.clusterIP;
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'governing-service-not-headless', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("governing service 'db' has clusterIP unset; set clusterIP: None");
  });

  test('reports a governing service whose selector misses the pod template labels', () => {
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'Service', 'db').spec.selector = { app: 'database' };
    const findings = ManifestLinter.lint(objects);
    const f = findingOf(findings, 'governing-service-selector-mismatch', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("selector 'app=database' does not select the pod template labels 'app=db'");
  });
});

describe('selectors', () => {
  test('reports a statefulset whose spec.selector does not match its own template labels', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.selector = { matchLabels: { app: 'db', tier: 'data' } };
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'statefulset-selector-mismatch', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("spec.selector 'app=db,tier=data' does not match spec.template.metadata.labels 'app=db'");
  });

  test('reports a selector matchExpression with NotIn that excludes the template labels', () => {
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.selector = { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] };
    const findings = ManifestLinter.lint(objects);
    expect(findingOf(findings, 'statefulset-selector-mismatch', STS).message).toContain("'app notin (db)'");
  });

  test('reports a service that selects no pods', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db-read', namespace: 'data' }, spec: { selector: { app: 'dv' }, ports: [{ name: 'client', port: 5432 }] } });
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'service-selects-nothing', 'Service/data/db-read');
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain("spec.selector 'app=dv' selects no pod template in namespace 'data'");
  });

  test('a per-pod service selecting statefulset.kubernetes.io/pod-name of a member selects that member', () => {
    const objects = fixture('good.yaml');
    objects.push({ kind: 'Service', metadata: { name: 'db-primary', namespace: 'data' }, spec: { selector: { 'app': 'db', 'statefulset.kubernetes.io/pod-name': 'db-0' } } });
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });

  test('reports a per-pod service naming an ordinal beyond the replicas', () => {
    const objects = fixture('good.yaml');
    objects.push({ kind: 'Service', metadata: { name: 'db-extra', namespace: 'data' }, spec: { selector: { 'statefulset.kubernetes.io/pod-name': 'db-3' } } });
    const findings = ManifestLinter.lint(objects);
    expect(findingOf(findings, 'service-selects-nothing', 'Service/data/db-extra').severity).toBe(Severity.WARNING);
  });

  test('a service selecting the pods of a deployment is not reported', () => {
    const objects = fixture('good.yaml');
    objects.push(
      { kind: 'Deployment', metadata: { name: 'api', namespace: 'data' }, spec: { template: { metadata: { labels: { app: 'api' } } } } },
      { kind: 'Service', metadata: { name: 'api', namespace: 'data' }, spec: { selector: { app: 'api' } } },
    );
    expect(findingsOf(ManifestLinter.lint(objects), 'service-selects-nothing', 'Service/data/api')).toEqual([]);
  });

  test('reports a pod disruption budget that selects no pods', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'PodDisruptionBudget', 'db').spec.selector = { matchLabels: { app: 'db', role: 'primary' } };
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'pdb-selects-nothing', 'PodDisruptionBudget/data/db');
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain("spec.selector 'app=db,role=primary' selects no pod template in namespace 'data', so it protects nothing");
  });

  test('reports a required anti-affinity term that does not select its own pods', () => {
    // GIVEN the labelSelector expects a label the pods do not carry, as in a well-known zookeeper example
    const objects = fixture('good.yaml');
    const term = statefulSet(objects).spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    term.labelSelector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['zk'] }] };
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'anti-affinity-selects-nothing', STS);
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain("podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector 'app in (zk)' does not select");
  });

  test('reports a preferred anti-affinity term that does not select its own pods', () => {
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.template.spec.affinity.podAntiAffinity = {
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight: 100,
        podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] } },
      }],
    };
    const findings = ManifestLinter.lint(objects);
    expect(findingOf(findings, 'anti-affinity-selects-nothing', STS).message)
      .toContain("preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector '!app'");
  });

  test('an anti-affinity term using Exists on its own label is accepted', () => {
    const objects = fixture('good.yaml');
    const term = statefulSet(objects).spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    term.labelSelector = { matchExpressions: [{ key: 'app', operator: 'Exists' }] };
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });
});

describe('ports', () => {
  test('reports an unnamed container port', () => {
    const objects = fixture('good.yaml');
    delete dbContainer(objects).ports[1].name;
    // the service's targetPort 'peer' now names nothing as well
    const findings = ManifestLinter.lint(objects);
    const f = findingOf(findings, 'container-port-unnamed', STS);
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain("container 'db' port 7000 has no name");
    expect(findingOf(findings, 'service-target-port-unknown', 'Service/data/db').message).toContain("targetPort 'peer' is not a container port name");
  });

  test.each([
    ['peer-to-peer-replication', 'is 24 characters, at most 15 are allowed'],
    ['Peer', "may contain only lowercase letters, digits and '-'"],
    ['7000', 'must contain at least one letter'],
    ['-peer', "must not start or end with '-'"],
    ['peer--tcp', "must not contain '--'"],
  ])('reports container port name %s', (name, problem) => {
    const objects = fixture('good.yaml');
    dbContainer(objects).ports[1].name = name;
    byKindAndName(objects, 'Service', 'db').spec.ports[1].targetPort = 7000;
    const findings = ManifestLinter.lint(objects);
    const f = findingOf(findings, 'container-port-name-invalid', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toBe(`container 'db' port 7000 name '${name}' ${problem}`);
  });

  test('reports unnamed ports of a service with several ports', () => {
    const objects = fixture('good.yaml');
    delete byKindAndName(objects, 'Service', 'db').spec.ports[0].name;
    const findings = ManifestLinter.lint(objects);
    const f = findingOf(findings, 'service-port-unnamed', 'Service/data/db');
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain('port 5432 has no name but the service has 2 ports');
  });

  test('an unnamed port of a single-port service is fine', () => {
    const objects = fixture('mysql.yaml');
    delete byKindAndName(objects, 'Service', 'mysql-read').spec.ports[0].name;
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });

  test('reports a service port name that is not a dns label', () => {
    const objects = fixture('good.yaml');
    byKindAndName(objects, 'Service', 'db').spec.ports[0].name = 'Client_Port';
    const f = findingOf(ManifestLinter.lint(objects), 'service-port-name-invalid', 'Service/data/db');
    expect(f.severity).toBe(Severity.ERROR);
  });
});

describe('readiness', () => {
  test('reports OrderedReady by default without a readiness probe', () => {
    // GIVEN
    const objects = fixture('good.yaml');
    delete statefulSet(objects).spec.podManagementPolicy;
    delete dbContainer(objects).readinessProbe;
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'readiness-probe-missing', STS);
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain('podManagementPolicy is OrderedReady (the default) but no container has a readinessProbe');
  });

  test('a Parallel statefulset without a readiness probe is fine', () => {
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.podManagementPolicy = 'Parallel';
    delete dbContainer(objects).readinessProbe;
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });
});

describe('names', () => {
  function renamed(name: string, replicas?: number, start?: number): any[] {
    const objects = fixture('good.yaml');
    const sts = statefulSet(objects);
    sts.metadata.name = name;
    sts.spec.replicas = replicas;
    if (start !== undefined) {
      sts.spec.ordinals = { start };
    }
    return objects;
  }

  test('a 52 character statefulset name is accepted', () => {
    const name = 'a'.repeat(52);
    expect(findingsOf(ManifestLinter.lint(renamed(name, 3)), 'statefulset-name-too-long', `StatefulSet/data/${name}`)).toEqual([]);
  });

  test('reports a statefulset name longer than 52 characters', () => {
    const name = 'a'.repeat(53);
    const f = findingOf(ManifestLinter.lint(renamed(name, 3)), 'statefulset-name-too-long', `StatefulSet/data/${name}`);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain('is 53 characters; at most 52 fit the controller-revision-hash label');
  });

  test('reports a pod name longer than 63 characters, honouring ordinals.start', () => {
    // GIVEN a 52 character name and highest ordinal 10000 + 2
    const name = 'b'.repeat(52);
    // WHEN
    const findings = ManifestLinter.lint(renamed(name, 3, 10000000000));
    // THEN
    const f = findingOf(findings, 'pod-name-too-long', `StatefulSet/data/${name}`);
    expect(f.message).toContain('(highest ordinal 10000000002) is 64 characters');
  });

  test('replicas defaults to 1 for the pod name length', () => {
    // GIVEN the start ordinal alone fits exactly: 52 + '-' + 10 digits = 63
    const name = 'c'.repeat(52);
    // WHEN replicas is unset, THEN the start ordinal is the highest
    expect(findingsOf(ManifestLinter.lint(renamed(name, undefined, 9999999999)), 'pod-name-too-long', `StatefulSet/data/${name}`)).toEqual([]);
    // WHEN there are two replicas, THEN the second ordinal has 11 digits
    expect(findingOf(ManifestLinter.lint(renamed(name, 2, 9999999999)), 'pod-name-too-long', `StatefulSet/data/${name}`).message)
      .toContain('(highest ordinal 10000000000) is 64 characters');
  });

  test('reports a statefulset name that is not a dns label', () => {
    const f = findingOf(ManifestLinter.lint(renamed('Db.Primary', 1)), 'name-not-dns-label', 'StatefulSet/data/Db.Primary');
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("metadata.name 'Db.Primary' may contain only lowercase letters, digits and '-'");
  });

  test('reports a service name starting with a digit', () => {
    const objects = fixture('good.yaml');
    objects.push({ kind: 'Service', metadata: { name: '1db', namespace: 'data' }, spec: { clusterIP: 'None', selector: { app: 'db' } } });
    const f = findingOf(ManifestLinter.lint(objects), 'name-not-dns-label', 'Service/data/1db');
    expect(f.message).toContain('must start with a lowercase letter');
  });
});

describe('publishNotReadyAddresses', () => {
  test('reports publishNotReadyAddresses on a load-balanced service', () => {
    const objects = fixture('mysql.yaml');
    byKindAndName(objects, 'Service', 'mysql-read').spec.publishNotReadyAddresses = true;
    const f = findingOf(ManifestLinter.lint(objects), 'publish-not-ready-not-headless', 'Service/default/mysql-read');
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain('marks every endpoint ready, so load-balanced clients reach unready pods');
  });
});

describe('references', () => {
  test('reports a configmap volume whose configmap is not in the manifests', () => {
    // GIVEN
    const objects = fixture('good.yaml').filter(o => o.kind !== 'ConfigMap');
    // WHEN
    const findings = ManifestLinter.lint(objects);
    // THEN
    const f = findingOf(findings, 'configmap-missing', STS);
    expect(f.severity).toBe(Severity.WARNING);
    expect(f.message).toContain("volume 'config' references configmap 'db-config', which is not in the manifests for namespace 'data'");
  });

  test('reports secretKeyRef and envFrom secrets that are not in the manifests, once per secret', () => {
    const objects = fixture('good.yaml');
    const container = dbContainer(objects);
    container.env.push({ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db-auth', key: 'password' } } });
    container.envFrom = [{ secretRef: { name: 'db-auth' } }, { configMapRef: { name: 'db-env' } }];
    const findings = ManifestLinter.lint(objects);
    expect(findingOf(findings, 'secret-missing', STS).message).toContain("container 'db' env PASSWORD references secret 'db-auth'");
    expect(findingOf(findings, 'configmap-missing', STS).message).toContain("container 'db' envFrom references configmap 'db-env'");
  });

  test('an optional configMapKeyRef is not reported', () => {
    const objects = fixture('good.yaml');
    dbContainer(objects).env.push({ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'db-mode', key: 'mode', optional: true } } });
    expect(ManifestLinter.lint(objects)).toEqual([]);
  });

  test('reports a volume mount naming no volume or claim template', () => {
    const objects = fixture('good.yaml');
    dbContainer(objects).volumeMounts.push({ name: 'logs', mountPath: '/var/log/db', subPath: 'db' });
    const f = findingOf(ManifestLinter.lint(objects), 'volume-mount-unknown', STS);
    expect(f.severity).toBe(Severity.ERROR);
    expect(f.message).toContain("volumeMounts 'logs' (/var/log/db) names no entry of spec.template.spec.volumes or spec.volumeClaimTemplates; known volumes: 'config', 'data'");
  });
});

describe('ordering', () => {
  test('reports a governing service and configmap placed after the statefulset', () => {
    // GIVEN the statefulset moved to the front
    const objects = fixture('good.yaml');
    const sts = statefulSet(objects);
    const reordered = [sts, ...objects.filter(o => o !== sts)];
    // WHEN
    const findings = ManifestLinter.lint(reordered);
    // THEN
    const messages = findingsOf(findings, 'dependency-after-statefulset', STS).map(f => f.message);
    expect(messages).toEqual([
      expect.stringContaining('ConfigMap/data/db-config comes after the statefulset'),
      expect.stringContaining('Service/data/db comes after the statefulset'),
    ]);
    expect(findingsOf(findings, 'dependency-after-statefulset', STS).every(f => f.severity === Severity.WARNING)).toBe(true);
  });

  test('reports a service account placed after the statefulset', () => {
    const objects = fixture('good.yaml');
    statefulSet(objects).spec.template.spec.serviceAccountName = 'db';
    objects.push({ kind: 'ServiceAccount', metadata: { name: 'db', namespace: 'data' } });
    expect(findingOf(ManifestLinter.lint(objects), 'dependency-after-statefulset', STS).message).toContain('ServiceAccount/data/db');
  });
});

describe('yaml input', () => {
  test('List objects are flattened and empty documents skipped', () => {
    // GIVEN
    const yaml = '---\n---\napiVersion: v1\nkind: List\nitems:\n'
      + '  - { apiVersion: apps/v1, kind: StatefulSet, metadata: { name: web }, spec: { replicas: 1 } }\n---\n';
    // WHEN
    const findings = ManifestLinter.lintYaml(yaml);
    // THEN
    expect(findingOf(findings, 'governing-service-unset', 'StatefulSet/default/web').severity).toBe(Severity.ERROR);
  });

  test('objects without a namespace share the default namespace', () => {
    const yaml = 'kind: Service\nmetadata: { name: web, namespace: default }\nspec: { clusterIP: None }\n---\n'
      + 'kind: StatefulSet\nmetadata: { name: web }\nspec: { serviceName: web, podManagementPolicy: Parallel }\n';
    expect(findingsOf(ManifestLinter.lintYaml(yaml), 'governing-service-missing', 'StatefulSet/default/web')).toEqual([]);
  });

  test('defaultNamespace names the namespace of objects without one', () => {
    const findings = ManifestLinter.lintYaml('kind: StatefulSet\nmetadata: { name: web }\n', { defaultNamespace: 'apps' });
    expect(findingOf(findings, 'governing-service-unset', 'StatefulSet/apps/web').severity).toBe(Severity.ERROR);
  });

  test('fails on invalid yaml with the document number', () => {
    expect(() => ManifestLinter.lintYaml('kind: Service\n---\nkind: [unclosed\n')).toThrow(/manifests: invalid yaml: document 2/);
  });

  test('fails on a document that is not a mapping', () => {
    expect(() => ManifestLinter.lintYaml('- a\n- b\n')).toThrow('manifests: document 1 is not a kubernetes object: expected a mapping, got a sequence');
  });

  test("fails on a document without 'kind'", () => {
    expect(() => ManifestLinter.lint([{ metadata: { name: 'x' } }])).toThrow("manifests: document 1 is not a kubernetes object: 'kind' is missing");
  });
});

describe('findings', () => {
  test('come in bundle order, then by rule id', () => {
    const objects = fixture('good.yaml');
    delete byKindAndName(objects, 'Service', 'db').spec.clusterIP;
    delete dbContainer(objects).readinessProbe;
    const findings = ManifestLinter.lint(objects);
    expect(findings.map(f => `${f.object} ${f.rule}`)).toEqual([
      'Service/data/db publish-not-ready-not-headless',
      'StatefulSet/data/db governing-service-not-headless',
      'StatefulSet/data/db readiness-probe-missing',
    ]);
  });

  test('hasErrors is true only with an error finding', () => {
    expect(ManifestLinter.hasErrors([{ severity: Severity.WARNING, rule: 'r', object: 'o', message: 'm' }])).toBe(false);
    expect(ManifestLinter.hasErrors([{ severity: Severity.ERROR, rule: 'r', object: 'o', message: 'm' }])).toBe(true);
  });
});
