import { isWithinMount, mountPathProblem, normalMountPath } from '../../src/ground/mount-paths';

describe('mount paths', () => {
  test.each([
    ['/tmp', '/tmp'],
    ['/tmp/', '/tmp'],
    ['//tmp//', '/tmp'],
    ['/data/./x', '/data/x'],
    ['/a/b/../c', '/a/c'],
    ['/', '/'],
    ['//', '/'],
    ['/./', '/'],
  ])('%j is the directory %j', (given, normal) => {
    expect(normalMountPath(given)).toBe(normal);
  });

  test('a directory lies within itself, its parents and the root, not beside a longer name', () => {
    expect(isWithinMount('/a/b', '/a/b')).toBe(true);
    expect(isWithinMount('/a/b', '/a')).toBe(true);
    expect(isWithinMount('/a', '/')).toBe(true);
    expect(isWithinMount('/ab', '/a')).toBe(false);
  });

  test.each([
    ['/etc/app', undefined],
    ['/etc/app/', undefined],
    ['/', 'must not be the root directory \'/\', which the volume would hide'],
    ['//', 'must not be the root directory \'/\', which the volume would hide'],
    ['/.', 'must not be the root directory \'/\', which the volume would hide'],
    ['etc/app', 'must be an absolute path without \'..\' and \':\''],
    ['', 'must be an absolute path without \'..\' and \':\''],
    ['/etc/../app', 'must be an absolute path without \'..\' and \':\''],
    ['/c:/app', 'must be an absolute path without \'..\' and \':\''],
  ])('mount path %j: %s', (given, problem) => {
    expect(mountPathProblem(given)).toBe(problem);
  });
});
