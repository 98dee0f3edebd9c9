/**
 * Label selector semantics shared by every rule that asks "does this select those pods".
 */

export type Labels = { readonly [key: string]: string };

/**
 * Whether a `LabelSelector` (matchLabels and matchExpressions) selects the labels.
 * A missing selector selects nothing; an empty selector selects everything.
 */
export function labelSelectorMatches(selector: any, labels: Labels): boolean {
  if (selector === null || selector === undefined || typeof selector !== 'object') {
    return false;
  }
  if (!mapSelectorMatches(selector.matchLabels ?? {}, labels)) {
    return false;
  }
  const expressions: any[] = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return expressions.every(e => expressionMatches(e, labels));
}

/**
 * Whether an equality-based selector (a Service's `spec.selector`, `matchLabels`) selects the labels.
 */
export function mapSelectorMatches(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === String(value));
}

function expressionMatches(expression: any, labels: Labels): boolean {
  const key: string = expression?.key;
  const values: string[] = (expression?.values ?? []).map(String);
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (expression?.operator) {
    case 'In':
      return has && values.includes(labels[key]);
    case 'NotIn':
      return !has || !values.includes(labels[key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/**
 * Renders a selector for messages, e.g. `app=web,tier in (db)`.
 */
export function describeSelector(selector: any): string {
  if (!selector || typeof selector !== 'object') {
    return '<none>';
  }
  const parts: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    parts.push(`${key}=${value}`);
  }
  for (const e of selector.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    parts.push(e.operator === 'Exists' ? e.key : e.operator === 'DoesNotExist' ? `!${e.key}` : `${e.key} ${String(e.operator).toLowerCase()} (${values})`);
  }
  return parts.length === 0 ? '<everything>' : parts.join(',');
}

/**
 * Renders labels for messages, e.g. `app=web,tier=db`.
 */
export function describeLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length === 0 ? '<no labels>' : parts.join(',');
}
