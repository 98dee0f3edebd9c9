import { dns1035LabelProblem, dns1123LabelProblem, envVarNameProblem, ianaSvcNameProblem } from '../../src/ground/names';

describe('name validation', () => {
  test.each([
    ['web-0', undefined],
    ['a'.repeat(63), undefined],
    ['a'.repeat(64), 'is 64 characters, at most 63 are allowed'],
    ['Web', "may contain only lowercase letters, digits and '-'"],
    ['web.db', "may contain only lowercase letters, digits and '-'"],
    ['-web', 'must start and end with a letter or digit'],
    ['', 'must not be empty'],
  ])('dns-1123 label %j: %s', (name, problem) => {
    expect(dns1123LabelProblem(name)).toBe(problem);
  });

  test('a dns-1035 label starts with a letter', () => {
    expect(dns1035LabelProblem('0web')).toBe('must start with a lowercase letter');
    expect(dns1035LabelProblem('web0')).toBeUndefined();
  });

  test.each([
    ['http', undefined],
    ['a'.repeat(15), undefined],
    ['a'.repeat(16), 'is 16 characters, at most 15 are allowed'],
    ['80', 'must contain at least one letter'],
    ['http-', "must not start or end with '-'"],
    ['h--p', "must not contain '--'"],
    ['HTTP', "may contain only lowercase letters, digits and '-'"],
    ['', 'must not be empty'],
  ])('iana service name %j: %s', (name, problem) => {
    expect(ianaSvcNameProblem(name)).toBe(problem);
  });

  test.each([
    ['POD_NAME', undefined],
    ['my.env-name', undefined],
    ['_x', undefined],
    ['.x', undefined],
    ['MY VAR', 'must consist of letters, digits, \'_\', \'-\' and \'.\', and not start with a digit'],
    ['1VAR', 'must consist of letters, digits, \'_\', \'-\' and \'.\', and not start with a digit'],
    ['A=B', 'must consist of letters, digits, \'_\', \'-\' and \'.\', and not start with a digit'],
    ['', 'must consist of letters, digits, \'_\', \'-\' and \'.\', and not start with a digit'],
    ['.', 'must not be \'.\' nor start with \'..\''],
    ['..x', 'must not be \'.\' nor start with \'..\''],
  ])('environment variable name %j: %s', (name, problem) => {
    expect(envVarNameProblem(name)).toBe(problem);
  });
});
