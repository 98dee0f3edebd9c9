import { Testing } from 'cdk8s';
import { WebChart } from '../../examples/web/main';
import { findContainer, findObject, restrictedViolations, synth } from '../util';
import { testExampleOutput } from './output';

describe('examples/web', () => {
  const chart = new WebChart(Testing.app(), 'web');
  const manifests = synth(chart);
  const sts = findObject(manifests, 'StatefulSet', 'web');

  test('is the classic demo: StatefulSet web, headless Service nginx, two members, port web', () => {
    const svc = findObject(manifests, 'Service', 'nginx');
    expect(svc.spec.clusterIP).toEqual('None');
    expect(svc.spec.ports).toEqual([{ name: 'web', port: 8080, targetPort: 8080 }]);
    expect(sts.spec.serviceName).toEqual('nginx');
    expect(sts.spec.replicas).toEqual(2);
    expect(chart.web.peerFqdns()).toEqual(['web-0.nginx', 'web-1.nginx']);
  });

  test('runs nginx as the numeric non-root user 101 with a writable /tmp', () => {
    const main = findContainer(sts.spec.template.spec, 'web');
    expect(main.securityContext.runAsUser).toEqual(101);
    expect(main.volumeMounts).toContainEqual({ mountPath: '/tmp', name: 'tmp' });
    expect(restrictedViolations(sts.spec.template.spec)).toEqual([]);
  });

  test('each member serves its pages from its own 1Gi volume www, writable by group 101', () => {
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'www' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    }]);
    expect(findContainer(sts.spec.template.spec, 'web').volumeMounts).toContainEqual({ name: 'www', mountPath: '/usr/share/nginx/html' });
    expect(sts.spec.template.spec.securityContext).toMatchObject({ fsGroup: 101, fsGroupChangePolicy: 'OnRootMismatch' });
  });

  test('clients reach the Ready members through the Service web', () => {
    const svc = findObject(manifests, 'Service', 'web');
    expect(svc.spec.type).toEqual('ClusterIP');
    expect(svc.spec.publishNotReadyAddresses).toBeUndefined();
    expect(svc.spec.selector).toEqual(chart.web.selectorLabels);
  });

  test('one member at a time may be evicted, and members prefer different nodes', () => {
    expect(findObject(manifests, 'PodDisruptionBudget', 'web').spec.maxUnavailable).toEqual(1);
    const preferred = sts.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution;
    expect(preferred.map((p: any) => p.podAffinityTerm.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
  });

  // The library writes empty externalIPs lists and claim templates without apiVersion and kind
  // (gitops-drift), and budgets without unhealthyPodEvictionPolicy (pdb-eviction-policy-unset).
  testExampleOutput(manifests, [
    'warning gitops-drift Service/default/nginx',
    'warning gitops-drift StatefulSet/default/web',
    'warning gitops-drift Service/default/web',
    'warning pdb-eviction-policy-unset PodDisruptionBudget/default/web',
  ]);
});
