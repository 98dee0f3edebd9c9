import { markdownCode, markdownText, mermaidLabel, visible } from '../../../../src/lint/private/explain/format';

describe('formatting values', () => {
  test('control characters become visible escapes', () => {
    expect(visible('a\nb\tc\u0001')).toBe('a\\nb\\tc\\x01');
  });

  test('a code span is fenced longer than any backtick run inside, and padded at a backtick edge', () => {
    expect(markdownCode('web')).toBe('`web`');
    expect(markdownCode('a``b')).toBe('```a``b```');
    expect(markdownCode('`x')).toBe('`` `x ``');
    expect(markdownCode('a|b')).toBe('`a\\|b`');
  });

  test('text escapes every ascii punctuation character', () => {
    expect(markdownText('# *a* [b](c) <d> _e_')).toBe('\\# \\*a\\* \\[b\\]\\(c\\) \\<d\\> \\_e\\_');
  });

  test('a mermaid label keeps plain characters and encodes the rest', () => {
    expect(mermaidLabel('svc/web (headless)')).toBe('svc/web (headless)');
    expect(mermaidLabel('a"b<c>\n')).toBe('a#34;b#60;c#62;#10;');
  });
});
