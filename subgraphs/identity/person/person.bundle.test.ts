import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../../../lib/database';
import { createTestDatabases } from '../../../test/support/databases';
import { SUBJECT_ACCESS_STEWARD } from '../../../test/support/callers';
import type { IdentityContext } from '../context';
import { createIdentityDatabase } from '../database';
import { LinkStatus, LinkedRecordKind, PersonLink } from './person-link.entity';
import { personBundles, primePeople } from './person.bundle';
import { createPersonLoaders } from './person.loaders';
import { Person } from './person.entity';

const engines: [string, () => Promise<{ database: DataSource; done: () => Promise<void> }>][] = [
  [
    'SQLite',
    async () => {
      const settings = { port: 0, url: 'http://unused', sqliteFile: ':memory:' };
      const database = await openDatabase(createIdentityDatabase(settings));
      return { database, done: () => closeDatabase(database) };
    },
  ],
];
if (process.env.TEST_POSTGRES_URL) {
  engines.push([
    'PostgreSQL',
    async () => {
      const databases = await createTestDatabases(process.env.TEST_POSTGRES_URL as string);
      const settings = {
        port: 0,
        url: 'http://unused',
        sqliteFile: '',
        databaseUrl: databases.urls.identity,
      };
      const database = await openDatabase(createIdentityDatabase(settings));
      return {
        database,
        done: async () => {
          await closeDatabase(database);
          await databases.drop();
        },
      };
    },
  ]);
}

const explanation: PersonLink['explanation'] = {
  probability: 0.97,
  matchWeight: 9.5,
  rule: null,
  namesSwapped: false,
  matchedAlias: true,
  reasons: [{ field: 'dateOfBirth', level: 'EXACT', weight: 4.2 }],
};

describe.each(engines)("a page of people's bundle (%s)", (_engine, open) => {
  let database: DataSource;
  let done: () => Promise<void>;

  beforeAll(async () => {
    ({ database, done } = await open());
    await database.getRepository(Person).insert([
      { id: 'p-1', givenName: 'Ann', familyName: 'Lee', dateOfBirth: '1990-02-03' },
      { id: 'p-2', givenName: 'Bo', familyName: "O'Neil", dateOfBirth: null },
    ]);
    await database.getRepository(PersonLink).insert([
      {
        personId: 'p-1',
        recordKind: LinkedRecordKind.MOJ_PRISONER,
        recordId: 'A1234BC',
        status: LinkStatus.MODEL,
        matchProbability: 0.97,
        explanation,
      },
      {
        personId: 'p-1',
        recordKind: LinkedRecordKind.DWP_CLAIMANT,
        recordId: 'QQ123456C',
        status: LinkStatus.RULE,
        matchProbability: null,
        explanation: null,
      },
    ]);
  });
  afterAll(() => done());

  it('primes the loaders with exactly what they would read, in one statement', async () => {
    const ids = ['p-1', 'p-2', 'p-none'];
    const context = {
      bundles: personBundles(database, SUBJECT_ACCESS_STEWARD),
      loaders: createPersonLoaders(database),
    } as unknown as IdentityContext;
    let statements = 0;
    const query = database.query.bind(database);
    database.query = ((sql: string, parameters?: unknown[]) => {
      statements++;
      return query(sql, parameters);
    }) as typeof database.query;
    try {
      await primePeople(context, ids);
      const primed = {
        people: await context.loaders.personById.loadMany(ids),
        links: await context.loaders.linksByPersonId.loadMany(ids),
      };
      expect(statements).toBe(1);
      const fresh = createPersonLoaders(database);
      expect(primed).toStrictEqual({
        people: await fresh.personById.loadMany(ids),
        links: await fresh.linksByPersonId.loadMany(ids),
      });
    } finally {
      database.query = query;
    }
  });
});
