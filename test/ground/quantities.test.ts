import { quantityValue } from '../../src/ground/quantities';

describe('quantities', () => {
  test.each([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['64Mi', 64 * 2 ** 20],
    ['1k', 1000],
    ['1e3', 1000],
    ['1E', 1e18],
    ['+1', 1],
    ['-5m', -0.005],
  ])('%s is %d', (quantity, value) => {
    expect(quantityValue(quantity)).toBeCloseTo(value);
  });

  test.each([['NaN'], ['1e+21m'], [''], ['1.2.3'], ['5 m'], ['1mi'], ['Infinity']])('%j is not a quantity', quantity => {
    expect(quantityValue(quantity)).toBeUndefined();
  });
});
