import { ApiObject, Duration } from 'cdk8s';
import type { OrderedStatefulApp } from '../ordered-stateful-app';
import { RolloutOptions, UpdateStrategy } from '../rollout';
import { editFinalJson } from './final-json';

/** The number of old revisions kept when `rollout.revisionHistoryLimit` is not set. */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/** Writes the update strategy, `minReadySeconds` and `revisionHistoryLimit` into the StatefulSet. */
export function applyRollout(app: OrderedStatefulApp, rollout: RolloutOptions): void {
  const strategy = rollout.strategy ?? UpdateStrategy.rollingUpdate();
  const updateStrategy = strategy._type === 'RollingUpdate'
    ? { type: strategy._type, rollingUpdate: { partition: strategy._partition } }
    : { type: strategy._type };
  const minReadySeconds = (rollout.minReady ?? Duration.seconds(0)).toSeconds({ integral: false });
  editFinalJson(ApiObject.of(app.statefulSet), json => {
    json.spec.updateStrategy = updateStrategy;
    json.spec.minReadySeconds = minReadySeconds;
    json.spec.revisionHistoryLimit = rollout.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
  });
}
