import { Duration, JsonPatch } from 'cdk8s';
import { ProductionPart } from './part';
import { show } from '../../ground/problems';
import { UpdateStrategy } from '../../rollout';

/** The number of old revisions kept when `rollout.revisionHistoryLimit` is not set. */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/**
 * The update strategy and `minReadySeconds`, given to cdk8s-plus, and `revisionHistoryLimit`,
 * which cdk8s-plus does not express.
 */
export const ROLLOUT: ProductionPart = {
  check(problems, props) {
    const rollout = props.rollout ?? {};
    rollout.strategy?._check(problems, 'rollout.strategy');
    const minReady = (rollout.minReady ?? Duration.seconds(0)).toSeconds({ integral: false });
    problems.check(Number.isInteger(minReady), 'rollout.minReady', `must be a whole number of seconds, got ${minReady} seconds`);
    const limit = rollout.revisionHistoryLimit;
    if (limit !== undefined) {
      problems.check(Number.isInteger(limit) && limit >= 0, 'rollout.revisionHistoryLimit', `must be an integer >= 0, got ${show(limit)}`);
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
