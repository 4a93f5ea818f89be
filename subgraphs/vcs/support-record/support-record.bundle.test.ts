import 'reflect-metadata';
import type { DataSource, Logger } from 'typeorm';
import { unscopedLookup } from '../../../lib/access/scope';
import type { SubgraphSettings } from '../../../lib/config';
import { closeDatabase, openDatabase } from '../../../lib/database';
import { buildDemoWorld } from '../../../seed/demo';
import { ENTITY_ORDER } from '../../../seed/load';
import { IDENTITY_SERVICE_REQUEST } from '../../../test/support/callers';
import { createTestDatabases } from '../../../test/support/databases';
import { fixtureUuid } from '../../../test/support/subgraph';
import { type VcsContext, createContext } from '../context';
import { createVcsDatabase } from '../database';
import { supportRecordFromBundle } from './support-record.bundle';

const statements: string[] = [];
const logger: Logger = {
  logQuery: (query) => void statements.push(query),
  logQueryError: () => {},
  logQuerySlow: () => {},
  logSchemaBuild: () => {},
  logMigration: () => {},
  log: () => {},
};

type Engine = [string, () => Promise<{ database: DataSource; done: () => Promise<void> }>];
const open = async (settings: Pick<SubgraphSettings, 'databaseUrl' | 'sqliteFile'>) =>
  openDatabase(createVcsDatabase({ port: 0, url: 'http://unused', ...settings }));
const engines: Engine[] = [
  [
    'SQLite',
    async () => {
      const database = await open({ sqliteFile: ':memory:' });
      return { database, done: () => closeDatabase(database) };
    },
  ],
];
const POSTGRES = process.env.TEST_POSTGRES_URL;
if (POSTGRES) {
  engines.push([
    'PostgreSQL',
    async () => {
      const databases = await createTestDatabases(POSTGRES);
      const database = await open({ databaseUrl: databases.urls.vcs, sqliteFile: '' });
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

/** Readiness rows come from SQL in no particular order: compare them as sets. */
const inAnyOrder = (rows: object[]) => rows.map((row) => JSON.stringify(row)).sort();

describe.each(engines)('a support record bundle (%s)', (_engine, opening) => {
  const rows = buildDemoWorld().rows.vcs as unknown as Record<string, Record<string, unknown>[]>;
  const ids = rows.SupportRecord.map((record) => record.id as string);
  let database: DataSource;
  let done: () => Promise<void>;
  const context = (): VcsContext =>
    createContext(database, IDENTITY_SERVICE_REQUEST, { scope: unscopedLookup });

  beforeAll(async () => {
    ({ database, done } = await opening());
    for (const entity of ENTITY_ORDER.vcs) {
      if (rows[entity]?.length) await database.getRepository(entity).insert(rows[entity]);
    }
    database.setOptions({ logger, logging: ['query'] });
  }, 120_000);
  afterAll(() => done());

  it('primes every loader with exactly what it would read, from one statement', async () => {
    const primed = context();
    statements.length = 0;
    const records = await Promise.all(
      [...ids, fixtureUuid(999_999)].map((id) => supportRecordFromBundle(primed, id)),
    );
    expect(statements).toHaveLength(1);
    expect(records.at(-1)).toBeNull();

    const { loaders: read } = context();
    const [referrals, engagements, outcomes, consents, readiness] = await Promise.all([
      read.referralsBySupportRecord.loadMany(ids),
      read.engagementsBySupportRecord.loadMany(ids),
      read.outcomesBySupportRecord.loadMany(ids),
      read.consentsBySupportRecord.loadMany(ids),
      read.readinessRowsBySupportRecord.loadMany(ids),
    ]);
    const expected = {
      records: await read.supportRecordById.loadMany(ids),
      referrals,
      engagements,
      outcomes,
      consents,
      readiness: (readiness as object[][]).map(inAnyOrder),
    };
    const keys = (lists: unknown[], key: string) => [
      ...new Set((lists as Record<string, string | null>[][]).flat().flatMap((r) => r[key] ?? [])),
    ];
    const services = await read.serviceById.loadMany(keys(referrals, 'serviceId'));
    const organisationIds = [
      ...keys([expected.records], 'organisationId'),
      ...keys([services], 'organisationId'),
    ];
    const more = {
      services,
      organisations: await read.organisationById.loadMany(organisationIds),
      employers: await read.employerById.loadMany(keys(outcomes, 'employerId')),
    };

    statements.length = 0;
    const { loaders } = primed;
    const got = {
      records: await loaders.supportRecordById.loadMany(ids),
      referrals: await loaders.referralsBySupportRecord.loadMany(ids),
      engagements: await loaders.engagementsBySupportRecord.loadMany(ids),
      outcomes: await loaders.outcomesBySupportRecord.loadMany(ids),
      consents: await loaders.consentsBySupportRecord.loadMany(ids),
      readiness: ((await loaders.readinessRowsBySupportRecord.loadMany(ids)) as object[][]).map(
        inAnyOrder,
      ),
    };
    const gotMore = {
      services: await loaders.serviceById.loadMany(keys(referrals, 'serviceId')),
      organisations: await loaders.organisationById.loadMany(organisationIds),
      employers: await loaders.employerById.loadMany(keys(outcomes, 'employerId')),
    };
    expect(statements).toEqual([]);
    expect(got).toStrictEqual(expected);
    expect(gotMore).toStrictEqual(more);
    // The demo world has records with none of some rows: those are primed empty, not left out.
    expect(engagements.some((list) => Array.isArray(list) && !list.length)).toBe(true);
    expect(more.employers.length).toBeGreaterThan(0);
  });
});
