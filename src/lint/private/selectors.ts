/**
 * Label selector semantics shared by every rule that asks "does this select those pods".
 */

export type Labels = { readonly [key: string]: string };

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One condition of a selector on one label key. */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
  /** Written as `key: value` (matchLabels, a Service selector) rather than as an expression. */
  readonly equality?: boolean;
}

/**
 * A selector as a list of requirements that must all hold. `nothing` marks a selector that
 * selects no pod at all (a missing `LabelSelector`, or a Service without a selector).
 */
export interface Selector {
  readonly requirements: readonly Requirement[];
  readonly nothing: boolean;
}

const NOTHING: Selector = { requirements: [], nothing: true };

/**
 * A `LabelSelector` (matchLabels and matchExpressions). A missing selector selects nothing;
 * an empty one selects everything.
 */
export function labelSelector(selector: any): Selector {
  if (selector === null || selector === undefined) {
    return NOTHING;
  }
  return {
    nothing: false,
    requirements: [
      ...equalities(selector.matchLabels),
      ...(selector.matchExpressions ?? []).map((e: any) => ({ key: e.key, operator: e.operator, values: e.values ?? [] })),
    ],
  };
}

/**
 * An equality-based selector, such as a Service's `spec.selector`: empty or missing selects nothing
 * (the Service then manages no endpoints).
 */
export function mapSelector(selector: any): Selector {
  const requirements = equalities(selector);
  return requirements.length === 0 ? NOTHING : { nothing: false, requirements };
}

function equalities(map: any): Requirement[] {
  return Object.entries(map ?? {}).map(([key, value]) => ({ key, operator: 'In' as const, values: [String(value)], equality: true }));
}

/** Whether one requirement holds for a set of labels. */
export function requirementHolds(requirement: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key]);
    case 'NotIn':
      return !has || !requirement.values.includes(labels[requirement.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** Whether a selector selects a pod with these labels. */
export function selects(selector: Selector, labels: Labels): boolean {
  return !selector.nothing && selector.requirements.every(r => requirementHolds(r, labels));
}

/**
 * Renders a selector for messages, e.g. `app=web,tier in (db)`.
 */
export function describeSelector(selector: Selector): string {
  if (selector.nothing) {
    return '<none>';
  }
  const parts = selector.requirements.map(r => {
    switch (r.operator) {
      case 'Exists':
        return r.key;
      case 'DoesNotExist':
        return `!${r.key}`;
      case 'In':
        return r.equality ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
      case 'NotIn':
        return `${r.key} notin (${r.values.join(',')})`;
    }
  });
  return parts.length === 0 ? '<everything>' : parts.join(',');
}

/**
 * Renders labels for messages, e.g. `app=web,tier=db`.
 */
export function describeLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length === 0 ? '<no labels>' : parts.join(',');
}
