/**
 * Well-known labels: the ones the library selects pods by, and the ones the
 * StatefulSet controller puts on each member.
 */

/** The app's name; one of the two selector labels. */
export const NAME_LABEL = 'app.kubernetes.io/name';

/** The app's instance; the other selector label. */
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';

/** The StatefulSet controller labels every member with its pod name. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

/** The StatefulSet controller labels every member with its ordinal (Kubernetes 1.28 and later). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** The selector labels of an app: both are the app name, independent of where the construct sits. */
export function selectorLabels(appName: string): { [key: string]: string } {
  return { [NAME_LABEL]: appName, [INSTANCE_LABEL]: appName };
}

/** Whether an equality selector (`matchLabels`, a Service's `selector`) selects pods with these labels. */
export function mapSelects(selector: { [key: string]: string }, labels: { [key: string]: string }): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}
