import { GraphQLError } from 'graphql';
import { createLogger } from './logger';
import { loadConfig } from './config';
import { databaseUnavailableErrors, isDatabaseUnavailable } from './database-errors';

describe('a database that cannot be reached', () => {
  it.each([
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    }),
    Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    Object.assign(new Error('connection failure'), { code: '08006' }),
    new Error('Connection terminated unexpectedly'),
  ])('is told apart from a failed statement: %s', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    Object.assign(new Error('duplicate key value'), { code: '23505' }),
    Object.assign(new Error('SQLITE_CONSTRAINT'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }),
    new Error('no model parameters yet'),
    undefined,
  ])('but a failed statement is not: %s', (error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("is answered as UPSTREAM_UNAVAILABLE naming the service, not the database's address", () => {
    const format = databaseUnavailableErrors(
      'vcs',
      createLogger('test', loadConfig({ LOG_LEVEL: 'silent' })),
    );
    const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), {
      code: 'ECONNREFUSED',
    });
    const error = new GraphQLError(cause.message, { path: ['person'], originalError: cause });

    const formatted = format({ message: cause.message, path: ['person'] }, error);

    expect(formatted).toEqual({
      message: "The vcs service's database is not answering; try again shortly.",
      path: ['person'],
      extensions: { code: 'UPSTREAM_UNAVAILABLE', service: 'vcs' },
    });
    expect(format({ message: 'other' }, new GraphQLError('other'))).toEqual({ message: 'other' });
  });
});
