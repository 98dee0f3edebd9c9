import * as fs from 'fs';
import { LiveStatefulSetOptions, LiveStatefulSetProps } from './live-stateful-set-props';
import { LiveState, liveStateOf, liveStateFromText } from './private/live-state';

/**
 * A StatefulSet that runs today, from a Helm chart or YAML written by hand, for an
 * `OrderedStatefulApp` to take over (its `adopt` prop): the app then writes an update of
 * the same StatefulSet, which the API server accepts and whose members keep their names,
 * DNS names and claims. What the app cannot keep is refused when it is constructed.
 */
export class LiveStatefulSet {
  /**
   * The StatefulSet in a YAML file: the output of `helm get manifest`, `helm template`,
   * `kubectl get statefulset -o yaml` (a `List` too) or the file applied today. The file is
   * read now; a problem with it is reported with the app's other problems.
   */
  public static fromFile(file: string, options: LiveStatefulSetOptions = {}): LiveStatefulSet {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf-8');
    } catch (e) {
      return new LiveStatefulSet({ source: `file '${file}'`, problems: [`cannot read file '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`], claims: [] });
    }
    return new LiveStatefulSet(liveStateFromText(text, `file '${file}'`, options));
  }

  /** The StatefulSet in a YAML text of one or more documents, as `fromFile` reads a file. */
  public static fromYaml(yaml: string, options: LiveStatefulSetOptions = {}): LiveStatefulSet {
    return new LiveStatefulSet(liveStateFromText(yaml, 'the YAML given', options));
  }

  /** The fields of the live StatefulSet, given by hand. */
  public static of(props: LiveStatefulSetProps): LiveStatefulSet {
    return new LiveStatefulSet(liveStateOf(props));
  }

  private constructor(private readonly state: LiveState) {}

  /** @internal */
  public _live(): LiveState {
    return this.state;
  }
}
