import * as kplus from 'cdk8s-plus-27';
import { Spread } from '../../spreading';
import { AppContext } from '../app-context';
import { checkChoice } from '../checks';
import { ProductionPart } from './part';

/**
 * Pod anti-affinity terms that keep members apart on nodes and zones, given to
 * cdk8s-plus's scheduling; every term selects the app's own pods by its selector labels.
 */
export const SPREADING: ProductionPart = {
  check(problems, props) {
    const levels = Object.values(Spread);
    checkChoice(problems, 'spreading.acrossNodes', props.spreading?.acrossNodes, levels);
    checkChoice(problems, 'spreading.acrossZones', props.spreading?.acrossZones, levels);
  },

  apply(app: AppContext) {
    const options = app.props.spreading ?? {};
    const levels: Array<[kplus.Topology, Spread]> = [
      [kplus.Topology.HOSTNAME, options.acrossNodes ?? Spread.PREFERRED],
      [kplus.Topology.ZONE, options.acrossZones ?? Spread.PREFERRED],
    ];
    const members = kplus.Pods.select(app.statefulSet, 'Members', { labels: app.identity.selectorLabels });
    for (const [topology, level] of levels.filter(([, l]) => l !== Spread.NONE)) {
      app.statefulSet.scheduling.separate(members, { topology, weight: level === Spread.PREFERRED ? 100 : undefined });
    }
    return {};
  },
};
