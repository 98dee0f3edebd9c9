import { Problems, show } from '../../src/ground/problems';

function messages(record: (problems: Problems) => void): string[] {
  const problems = new Problems('test/web', 'things');
  record(problems);
  return problems.toValidationErrors();
}

describe('show', () => {
  test.each([
    ['web', '\'web\''],
    [3, '3'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [1e21, '1e+21'],
    [undefined, 'undefined'],
    [[], '[]'],
    [['a', 'b'], '["a","b"]'],
    [[NaN], '["NaN"]'],
  ])('shows %p as %s', (value, text) => {
    expect(show(value)).toEqual(text);
  });
});

describe('Problems', () => {
  test('collects every problem and names the path and the subject once', () => {
    expect(messages(p => {
      p.add('a', 'must be set, got undefined');
      p.check(false, 'b', 'must be true, got false');
      p.check(true, 'c', 'never');
    })).toEqual(['\'test/web\': invalid things:\n- \'a\' must be set, got undefined\n- \'b\' must be true, got false']);
  });

  test.each([
    [-1, 'must be an integer from 0 to 2147483647, got -1'],
    [1.5, 'must be an integer from 0 to 2147483647, got 1.5'],
    [2147483648, 'must be an integer from 0 to 2147483647, got 2147483648'],
    [NaN, 'must be an integer from 0 to 2147483647, got NaN'],
    ['1', 'must be an integer from 0 to 2147483647, got \'1\''],
  ])('checkInteger refuses %p', (value, message) => {
    expect(messages(p => p.checkInteger('count', value, 0))).toEqual([`'test/web': invalid things:\n- 'count' ${message}`]);
  });

  test('checkInteger accepts both ends of the range', () => {
    expect(messages(p => {
      p.checkInteger('low', 1, 1, 3);
      p.checkInteger('high', 3, 1, 3);
    })).toEqual([]);
  });

  test.each([
    [0.5, 'must be a whole number of seconds, got 0.5 seconds'],
    [NaN, 'must be a whole number of seconds, got NaN seconds'],
    [0, 'must be from 1 to 2147483647 seconds, got 0 seconds'],
    [2147483648, 'must be from 1 to 2147483647 seconds, got 2147483648 seconds'],
  ])('checkSeconds refuses %p seconds', (seconds, message) => {
    expect(messages(p => p.checkSeconds('timeout', seconds, 1))).toEqual([`'test/web': invalid things:\n- 'timeout' ${message}`]);
  });
});
