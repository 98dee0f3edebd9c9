import { labelSelectorMatches, mapSelectorMatches } from '../../../src/lint/private/selectors';

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
    [{ matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }, false],
    [{}, true],
    [undefined, false],
  ])('%j selects app=db,tier=data: %s', (selector, expected) => {
    expect(labelSelectorMatches(selector, labels)).toBe(expected);
  });

  test('a map selector needs every pair', () => {
    expect(mapSelectorMatches({ app: 'db' }, labels)).toBe(true);
    expect(mapSelectorMatches({ app: 'db', role: 'x' }, labels)).toBe(false);
  });
});
