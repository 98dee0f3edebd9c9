import { containerEnvironment, expand } from './expansion';

const vars: Record<string, string> = { POD_NAME: 'zk-1', EMPTY: '' };
const lookup = (name: string) => vars[name];

describe('expand', () => {
  test('replaces a defined reference with its value', () => {
    expect(expand('--name=$(POD_NAME)', lookup)).toBe('--name=zk-1');
  });

  test('replaces a reference to an empty value with nothing', () => {
    expect(expand('a$(EMPTY)b', lookup)).toBe('ab');
  });

  test('leaves an undefined reference as written', () => {
    expect(expand('$(NOPE)/$(POD_NAME)', lookup)).toBe('$(NOPE)/zk-1');
  });

  test('turns $$ into $, so $$(VAR) is the literal text', () => {
    expect(expand('$$(POD_NAME) costs $$5', lookup)).toBe('$(POD_NAME) costs $5');
  });

  test('leaves a $ before any other character, an unclosed reference and a trailing $', () => {
    expect(expand('$HOME ${POD_NAME} $(POD_NAME $', lookup)).toBe('$HOME ${POD_NAME} $(POD_NAME $');
  });

  test('reads a reference up to the first closing parenthesis', () => {
    expect(expand('$(a$(POD_NAME))', lookup)).toBe('$(a$(POD_NAME))');
  });
});

describe('containerEnvironment', () => {
  test('expands a literal value with the variables defined before it only', () => {
    const env = containerEnvironment([
      { name: 'A', value: '$(B)-a', literal: true },
      { name: 'B', value: 'b', literal: true },
      { name: 'C', value: '$(A)+$(B)', literal: true },
    ]);
    expect(Object.fromEntries(env)).toEqual({ A: '$(B)-a', B: 'b', C: '$(B)-a+b' });
  });

  test('never expands values from fields, Secrets or ConfigMaps', () => {
    const env = containerEnvironment([
      { name: 'B', value: 'b', literal: true },
      { name: 'SECRET', value: '$(B)', literal: false },
    ]);
    expect(env.get('SECRET')).toBe('$(B)');
  });

  test('a later definition of a name replaces the earlier one', () => {
    const env = containerEnvironment([
      { name: 'A', value: '1', literal: true },
      { name: 'A', value: '$(A)2', literal: true },
    ]);
    expect(env.get('A')).toBe('12');
  });
});
