import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Problems } from './ground/problems';

/**
 * Options of a rolling update.
 */
export interface RollingUpdateOptions {
  /**
   * Only members with an ordinal >= `partition` are updated
   * (`spec.updateStrategy.rollingUpdate.partition`); the others keep the old
   * revision. Lower it step by step for a canary rollout.
   *
   * @default 0
   */
  readonly partition?: number;
}

/**
 * How the StatefulSet controller replaces members when the pod template changes
 * (`spec.updateStrategy`).
 */
export class UpdateStrategy {
  /**
   * Members are replaced one at a time, from the highest ordinal down, each once
   * the previous one is Ready (`type: RollingUpdate`).
   */
  public static rollingUpdate(options: RollingUpdateOptions = {}): UpdateStrategy {
    return new UpdateStrategy(options.partition ?? 0);
  }

  /**
   * Members are replaced only when someone deletes them (`type: OnDelete`), for
   * apps whose operators control the order of every restart.
   */
  public static onDelete(): UpdateStrategy {
    return new UpdateStrategy(undefined);
  }

  /** The partition of a rolling update; undefined for `onDelete()`. */
  private constructor(private readonly partition: number | undefined) {}

  /**
   * Reports what is wrong with the strategy.
   * @internal
   */
  public _check(problems: Problems, property: string): void {
    if (this.partition !== undefined) {
      problems.checkInteger(`${property}.partition`, this.partition, 0);
    }
  }

  /**
   * The strategy as cdk8s-plus writes it.
   * @internal
   */
  public _toKplus(): kplus.StatefulSetUpdateStrategy {
    return this.partition === undefined
      ? kplus.StatefulSetUpdateStrategy.onDelete()
      : kplus.StatefulSetUpdateStrategy.rollingUpdate({ partition: this.partition });
  }
}

/**
 * How changes to the pod template roll out.
 */
export interface RolloutOptions {
  /**
   * The update strategy (`spec.updateStrategy`).
   *
   * @default UpdateStrategy.rollingUpdate()
   */
  readonly strategy?: UpdateStrategy;

  /**
   * How long a new member must be Ready before it counts as available and the
   * rollout moves on (`spec.minReadySeconds`), in whole seconds.
   *
   * @default Duration.seconds(0)
   */
  readonly minReady?: Duration;

  /**
   * How many old revisions are kept for `kubectl rollout undo` (`spec.revisionHistoryLimit`).
   *
   * @default 10
   */
  readonly revisionHistoryLimit?: number;
}
