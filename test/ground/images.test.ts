import { imageReferenceProblem, unpinnedImageProblem } from '../../src/ground/images';

const HEX64 = '0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31';

describe('image references', () => {
  test.each([
    ['nginx'],
    ['nginx:1.25.5'],
    ['nginxinc/nginx-unprivileged:1.25.5-alpine'],
    ['registry.example:5000/team/nginx:1.25.5'],
    ['localhost/nginx:1'],
    ['localhost:5000/a__b/c.d/e---f:V1_2'],
    ['[2001:db8::1]:5000/nginx:1.25.5'],
    ['MyRegistry/nginx:1.25.5'],
    [`nginx@sha256:${HEX64}`],
    [`nginx:1.25.5@sha256:${HEX64}`],
    [`registry.example:5000/nginx@sha512:${HEX64}${HEX64}`],
    [`nginx:${'a'.repeat(128)}`],
  ])('%s is well-formed', image => {
    expect(imageReferenceProblem(image)).toBeUndefined();
  });

  test.each([
    ['', 'is empty'],
    ['nginx:1.25.5 ', 'contains whitespace'],
    ['nginx :1.25.5', 'contains whitespace'],
    ['Nginx:1.25.5', 'has uppercase letters in its repository path (\'Nginx\'): the path must be lowercase'],
    ['registry.example/Team/nginx:1', 'has uppercase letters in its repository path (\'Team\'): the path must be lowercase'],
    ['nginx@sha256:abc', 'has the malformed digest \'sha256:abc\': sha256 takes 64 lowercase hex digits, got 3 characters'],
    [`nginx@sha256:${HEX64.toUpperCase()}`, 'sha256 takes 64 lowercase hex digits, got 64 characters'],
    [`nginx@${HEX64}`, `has the malformed digest '${HEX64}': it must be sha256:, sha384: or sha512: and the lowercase hex digest`],
    [`nginx@md5:${HEX64}`, 'it must be sha256:, sha384: or sha512:'],
    ['nginx:', 'has the malformed tag \'\': at most 128 letters, digits, \'_\', \'.\' and \'-\', not starting with \'.\' or \'-\''],
    ['nginx:.hidden', 'has the malformed tag \'.hidden\''],
    [`nginx:${'a'.repeat(129)}`, 'has the malformed tag'],
    ['team//nginx:1', 'has the malformed repository path component \'\''],
    ['nginx_:1', 'has the malformed repository path component \'nginx_\': lowercase letters and digits, separated by \'.\', \'_\', \'__\' or \'-\''],
    ['a___b:1', 'has the malformed repository path component \'a___b\''],
    ['-registry.example/nginx:1', 'has the malformed registry \'-registry.example\''],
    [`${'a'.repeat(256)}:1`, 'has a name of 256 characters, at most 255 are allowed'],
  ])('%j is refused: %s', (image, problem) => {
    expect(imageReferenceProblem(image)).toContain(problem);
  });

  test.each([
    ['nginx:1.25.5', undefined],
    [`nginx@sha256:${HEX64}`, undefined],
    [`nginx:latest@sha256:${HEX64}`, undefined],
    ['registry.example:5000/nginx', 'has no tag, so every pull may bring another version'],
    ['nginx:latest', 'uses the moving tag \'latest\''],
    ['Nginx:1.25.5', 'has uppercase letters in its repository path (\'Nginx\'): the path must be lowercase'],
    ['nginx:1.25.5\t', 'contains whitespace'],
  ])('%j pinned: %s', (image, problem) => {
    expect(unpinnedImageProblem(image)).toBe(problem);
  });
});
