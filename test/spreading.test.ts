import * as kplus from 'cdk8s-plus-27';
import { OrderedStatefulApp, Spread } from '../src';
import { expectInvalidProps, selects, synthApp, webProps } from './app-fixtures';
import { findObject, newChart, restrictedViolations, schemaErrors, synth } from './util';

const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';
const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';

describe('spreading', () => {
  test('members prefer different nodes and different zones by default', () => {
    const { app, podSpec } = synthApp({ replicas: 3 });
    const selector = { matchLabels: app.selectorLabels };
    expect(podSpec.affinity).toEqual({
      podAntiAffinity: {
        [PREFERRED]: [
          { weight: 100, podAffinityTerm: { labelSelector: selector, topologyKey: 'kubernetes.io/hostname' } },
          { weight: 100, podAffinityTerm: { labelSelector: selector, topologyKey: 'topology.kubernetes.io/zone' } },
        ],
      },
    });
  });

  test('every term selects the pods it spreads', () => {
    const { podSpec, sts } = synthApp({ replicas: 3, spreading: { acrossNodes: Spread.REQUIRED } });
    const anti = podSpec.affinity.podAntiAffinity;
    const terms = [...anti[REQUIRED], ...anti[PREFERRED].map((p: any) => p.podAffinityTerm)];
    expect(terms).toHaveLength(2);
    for (const term of terms) {
      expect(selects(term.labelSelector.matchLabels, sts.spec.template.metadata.labels)).toBe(true);
    }
  });

  test('spreading over nodes can be required, zones stay preferred', () => {
    const { app, podSpec } = synthApp({ replicas: 3, spreading: { acrossNodes: Spread.REQUIRED } });
    const anti = podSpec.affinity.podAntiAffinity;
    expect(anti[REQUIRED]).toEqual([{ labelSelector: { matchLabels: app.selectorLabels }, topologyKey: 'kubernetes.io/hostname' }]);
    expect(anti[PREFERRED].map((p: any) => p.podAffinityTerm.topologyKey)).toEqual(['topology.kubernetes.io/zone']);
  });

  test('spreading over zones can be required', () => {
    const { podSpec } = synthApp({ replicas: 3, spreading: { acrossNodes: Spread.NONE, acrossZones: Spread.REQUIRED } });
    const anti = podSpec.affinity.podAntiAffinity;
    expect(anti[REQUIRED].map((t: any) => t.topologyKey)).toEqual(['topology.kubernetes.io/zone']);
    expect(anti[PREFERRED]).toBeUndefined();
  });

  test('can be turned off', () => {
    const { podSpec } = synthApp({ spreading: { acrossNodes: Spread.NONE, acrossZones: Spread.NONE } });
    expect(podSpec.affinity).toBeUndefined();
  });

  test('keeps the affinity added through cdk8s-plus', () => {
    const chart = newChart();
    const app = new OrderedStatefulApp(chart, 'web', webProps({ spreading: { acrossZones: Spread.NONE } }));
    app.statefulSet.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('disk', 'ssd')));
    const podSpec = findObject(synth(chart), 'StatefulSet', 'web').spec.template.spec;
    expect(podSpec.affinity.nodeAffinity[REQUIRED].nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] },
    ]);
    expect(podSpec.affinity.podAntiAffinity[PREFERRED].map((p: any) => p.podAffinityTerm.topologyKey)).toEqual(['kubernetes.io/hostname']);
  });

  test('the output is valid and passes the restricted standard', () => {
    const { manifests, podSpec } = synthApp({ replicas: 3, spreading: { acrossNodes: Spread.REQUIRED, acrossZones: Spread.REQUIRED } });
    expect(manifests.flatMap(schemaErrors)).toEqual([]);
    expect(restrictedViolations(podSpec)).toEqual([]);
  });

  test('fails when a spreading level is unknown', () => {
    expectInvalidProps(webProps({ spreading: { acrossNodes: 'always' as Spread } }),
      '\'spreading.acrossNodes\' must be one of \'none\', \'preferred\', \'required\', got \'always\'');
  });
});
