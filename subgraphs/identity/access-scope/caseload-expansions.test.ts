import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { closeDatabase, openDatabase } from '../../../lib/database';
import type { SubgraphSettings } from '../../../lib/config';
import { createTestDatabases } from '../../../test/support/databases';
import { createIdentityDatabase } from '../database';
import { Person } from '../person/person.entity';
import { LinkStatus, LinkedRecordKind, PersonLink } from '../person/person-link.entity';
import { CaseloadExpansions, linkGeneration } from './caseload-expansions';

const engines = process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

const person = (id: string) => Object.assign(new Person(), { id, givenName: 'A', familyName: 'B' });
const link = (personId: string, recordKind: LinkedRecordKind, recordId: string) => ({
  personId,
  recordKind,
  recordId,
  status: LinkStatus.RULE,
});

describe.each(engines)("a charity's caseload expansion on %s", (engine) => {
  let database: DataSource;
  let cleanup: () => Promise<void>;
  let expansions: CaseloadExpansions<string[]>;
  let expanded: number;

  beforeAll(async () => {
    let settings: SubgraphSettings;
    if (engine === 'postgres') {
      const databases = await createTestDatabases(process.env.TEST_POSTGRES_URL as string);
      settings = {
        port: 0,
        url: 'http://unused',
        databaseUrl: databases.urls.identity,
        sqliteFile: '',
      };
      cleanup = () => databases.drop();
    } else {
      const dir = await mkdtemp(path.join(tmpdir(), 'hub-expansions-'));
      settings = { port: 0, url: 'http://unused', sqliteFile: path.join(dir, 'identity.sqlite') };
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    database = await openDatabase(createIdentityDatabase(settings));
    await database.getRepository(Person).insert([person('p1'), person('p2')]);
    await database
      .getRepository(PersonLink)
      .insert([
        link('p1', LinkedRecordKind.VCS_SUPPORT_RECORD, 's1'),
        link('p1', LinkedRecordKind.DWP_CLAIMANT, 'AB123456C'),
        link('p2', LinkedRecordKind.MOJ_PRISONER, 'A1234BC'),
      ]);
  });
  afterAll(async () => {
    await closeDatabase(database);
    await cleanup();
  });

  // The records of the people the caseload's support records are linked to, read afresh.
  beforeEach(() => {
    expanded = 0;
    expansions = new CaseloadExpansions(database, async (ids) => {
      expanded++;
      const rows = await database.getRepository(PersonLink).find({ order: { recordId: 'ASC' } });
      const people = new Set(rows.filter((r) => ids.includes(r.recordId)).map((r) => r.personId));
      return rows.filter((r) => people.has(r.personId)).map((r) => r.recordId);
    });
  });

  it('expands a caseload once while neither it nor the links change', async () => {
    expect(await expansions.of(['s1'])).toEqual(['AB123456C', 's1']);
    expect(await expansions.of(['s1'])).toEqual(['AB123456C', 's1']);
    expect(expanded).toBe(1);
    expect(await expansions.of(['s1', 's2'])).toEqual(['AB123456C', 's1']);
    expect(expanded).toBe(2);
  });

  it('expands afresh after any change to the links, by whatever wrote it', async () => {
    const links = database.getRepository(PersonLink);
    const before = await linkGeneration(database);
    expect(await expansions.of(['s1'])).toEqual(['AB123456C', 's1']);
    // A steward's merge moves the prisoner into the caseload's person.
    await links.update({ recordId: 'A1234BC' }, { personId: 'p1' });
    expect(await linkGeneration(database)).not.toBe(before);
    expect(await expansions.of(['s1'])).toEqual(['A1234BC', 'AB123456C', 's1']);
    // A split moves it out again; a removal takes the claimant away.
    await links.update({ recordId: 'A1234BC' }, { personId: 'p2' });
    expect(await expansions.of(['s1'])).toEqual(['AB123456C', 's1']);
    await links.delete({ recordId: 'AB123456C' });
    expect(await expansions.of(['s1'])).toEqual(['s1']);
    await links.insert(link('p1', LinkedRecordKind.DWP_CLAIMANT, 'AB123456C'));
    expect(await expansions.of(['s1'])).toEqual(['AB123456C', 's1']);
    expect(expanded).toBe(5);
  });

  it('lets the oldest go once the kept caseloads pass 100,000 records', async () => {
    const caseload = (name: string) => Array.from({ length: 60_000 }, (_, i) => `${name}${i}`);
    const [first, second] = [caseload('a'), caseload('b')];
    await expansions.of(first);
    await expansions.of(second);
    await expansions.of(second);
    expect(expanded).toBe(2);
    await expansions.of(first);
    expect(expanded).toBe(3);
  });

  it('keeps nothing while the generation cannot be read', async () => {
    const [row] = await database.query('SELECT "generation" FROM "link_generation"');
    await database.query('DELETE FROM "link_generation"');
    try {
      await expansions.of(['s1']);
      await expansions.of(['s1']);
      expect(expanded).toBe(2);
    } finally {
      await database.query(
        `INSERT INTO "link_generation" ("id", "generation") VALUES (1, ${Number(row.generation)})`,
      );
    }
  });
});
