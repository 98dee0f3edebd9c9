import { ApiObject } from 'cdk8s';
import type { OrderedStatefulApp } from '../ordered-stateful-app';
import { Spread, SpreadingOptions } from '../spreading';
import { editFinalJson } from './final-json';

/** The topology keys of the spreading presets. */
export const HOSTNAME_TOPOLOGY = 'kubernetes.io/hostname';
export const ZONE_TOPOLOGY = 'topology.kubernetes.io/zone';

/**
 * Adds pod anti-affinity terms that select the app's own pods by its selector labels,
 * next to any anti-affinity cdk8s-plus renders.
 */
export function applySpreading(app: OrderedStatefulApp, options: SpreadingOptions): void {
  const levels: Array<[string, Spread]> = [
    [HOSTNAME_TOPOLOGY, options.acrossNodes ?? Spread.PREFERRED],
    [ZONE_TOPOLOGY, options.acrossZones ?? Spread.PREFERRED],
  ];
  const term = (topologyKey: string) => ({ labelSelector: { matchLabels: { ...app.selectorLabels } }, topologyKey });
  const required = levels.filter(([, level]) => level === Spread.REQUIRED).map(([key]) => term(key));
  const preferred = levels.filter(([, level]) => level === Spread.PREFERRED)
    .map(([key]) => ({ weight: 100, podAffinityTerm: term(key) }));
  if (required.length === 0 && preferred.length === 0) {
    return;
  }
  editFinalJson(ApiObject.of(app.statefulSet), json => {
    const podSpec = json.spec.template.spec;
    const affinity = podSpec.affinity ?? {};
    const anti = affinity.podAntiAffinity ?? {};
    const requiredKey = 'requiredDuringSchedulingIgnoredDuringExecution';
    const preferredKey = 'preferredDuringSchedulingIgnoredDuringExecution';
    podSpec.affinity = {
      ...affinity,
      podAntiAffinity: {
        ...anti,
        ...(required.length > 0 ? { [requiredKey]: [...anti[requiredKey] ?? [], ...required] } : {}),
        ...(preferred.length > 0 ? { [preferredKey]: [...anti[preferredKey] ?? [], ...preferred] } : {}),
      },
    };
  });
}
