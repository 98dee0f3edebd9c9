import { valueProblem } from '../../../../src/lint/private/input/values';

describe('json values', () => {
  test('plain data has no problem, shared parts included', () => {
    const shared = { a: [1, 2] };
    expect(valueProblem({ kind: 'X', x: shared, y: shared, z: Object.create(null) })).toBeUndefined();
  });

  test('names the path of a cycle, with keys that are not identifiers quoted', () => {
    const labels: any = {};
    labels['app.kubernetes.io/name'] = { back: labels };
    expect(valueProblem({ metadata: { labels } })).toBe('\'metadata.labels["app.kubernetes.io/name"].back\' refers back to the value that contains it (a cycle)');
  });

  test('refuses nesting deeper than 512 levels', () => {
    let deep: any = 'leaf';
    for (let i = 0; i < 600; i++) {
      deep = [deep];
    }
    expect(valueProblem(deep)).toMatch(/^'(\[0\]){512}' is nested more than 512 levels deep$/);
  });

  test('refuses to expand shared parts beyond a million values', () => {
    let value: any = ['x', 'x'];
    for (let i = 0; i < 25; i++) {
      value = [value, value];
    }
    expect(valueProblem(value)).toBe('has more than 1000000 values once shared parts (yaml aliases) are expanded; refusing to expand it further');
  });
});
