import { JsonPatch } from 'cdk8s';
import { ProductionPart } from './part';
import { UpdateStrategy } from '../../rollout';
import { checkDuration } from '../checks';

/** The number of old revisions kept when `rollout.revisionHistoryLimit` is not set. */
const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/**
 * The update strategy and `minReadySeconds`, given to cdk8s-plus, and `revisionHistoryLimit`,
 * which cdk8s-plus does not express.
 */
export const ROLLOUT: ProductionPart = {
  check(problems, props) {
    const rollout = props.rollout ?? {};
    rollout.strategy?._check(problems, 'rollout.strategy');
    checkDuration(problems, 'rollout.minReady', rollout.minReady, 0);
    if (rollout.revisionHistoryLimit !== undefined) {
      problems.checkInteger('rollout.revisionHistoryLimit', rollout.revisionHistoryLimit, 0);
    }
  },

  statefulSetProps(props) {
    const rollout = props.rollout ?? {};
    return { strategy: (rollout.strategy ?? UpdateStrategy.rollingUpdate())._toKplus(), minReady: rollout.minReady };
  },

  apply(app) {
    const limit = app.props.rollout?.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
    app.writer.patch(JsonPatch.add('/spec/revisionHistoryLimit', limit));
    return {};
  },
};
