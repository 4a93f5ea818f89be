import { GraphQLError } from 'graphql';
import { isIdentifier, parseIdentifier } from './identifiers';

describe('identifiers', () => {
  it.each([
    ['nino', 'ab 12 34 56 c', 'AB123456C'],
    ['prisonNumber', 'a1234bc', 'A1234BC'],
    ['crn', ' x123456 ', 'X123456'],
    ['uuid', '6F1C2A4E-3B5D-4C7E-9F10-2A3B4C5D6E7F', '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f'],
  ] as const)('normalises a %s as people type it', (kind, typed, stored) => {
    expect(parseIdentifier(kind, 'key', typed)).toBe(stored);
  });

  it.each([
    ['nino', 'QQ123456C'], // QQ is reserved for examples, never issued
    ['nino', 'AB123456E'],
    ['prisonNumber', 'A12345B'],
    ['crn', 'X12345'],
    ['uuid', 'not-a-uuid'],
  ] as const)('rejects %s %s', (kind, value) => {
    expect(isIdentifier(kind, value)).toBe(false);
  });

  it('refuses with BAD_USER_INPUT that names the argument but never echoes the value', () => {
    let error: unknown;
    try {
      parseIdentifier('nino', 'nino', 'ZZ999');
    } catch (thrown) {
      error = thrown;
    }

    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'nino',
    });
    expect((error as GraphQLError).message).toBe(
      'nino must be a National Insurance number, such as AB123456C.',
    );
    expect((error as GraphQLError).message).not.toContain('ZZ999');
  });
});
