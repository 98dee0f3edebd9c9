import { describeSelector, labelSelector, mapSelector, selects } from '../../../src/lint/private/selectors';

const labels = { app: 'db', tier: 'data' };

describe('label selectors', () => {
  test.each([
    [{ matchLabels: { app: 'db' } }, true],
    [{ matchLabels: { app: 'web' } }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'db'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }, false],
    [{ matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['primary'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'role', operator: 'Exists' }] }, false],
    [{ matchExpressions: [{ key: 'role', operator: 'DoesNotExist' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [{ matchLabels: { app: 'db' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['cache'] }] }, false],
    [{}, true],
    [undefined, false],
  ])('%j selects app=db,tier=data: %s', (selector, expected) => {
    expect(selects(labelSelector(selector), labels)).toBe(expected);
  });

  test('a map selector needs every pair', () => {
    expect(selects(mapSelector({ app: 'db' }), labels)).toBe(true);
    expect(selects(mapSelector({ app: 'db', role: 'x' }), labels)).toBe(false);
  });

  test('an empty map selector selects nothing, as a Service without a selector manages no endpoints', () => {
    expect(selects(mapSelector({}), labels)).toBe(false);
    expect(describeSelector(mapSelector(undefined))).toBe('<none>');
  });

  test('describes labels as key=value and expressions in words', () => {
    const selector = labelSelector({
      matchLabels: { app: 'db' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'role', operator: 'NotIn', values: ['x'] },
        { key: 'zone', operator: 'Exists' },
        { key: 'old', operator: 'DoesNotExist' },
      ],
    });
    expect(describeSelector(selector)).toBe('app=db,tier in (a,b),role notin (x),zone,!old');
    expect(describeSelector(labelSelector({}))).toBe('<everything>');
  });
});
