import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { loadConfig } from '../lib/config';
import { closeDatabase, openDatabase } from '../lib/database';
import { demoPerson } from '../seed/demo';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { SupportRecord } from '../subgraphs/vcs/support-record/support-record.entity';
import { type TestHub, startTestHub } from './support/hub';

const LINKS = `
  query Links($id: ID!) {
    person(id: $id) {
      id
      links {
        recordKind recordId status matchProbability
        explanation { probability matchWeight rule reasons { field level weight } }
      }
      supportRecords { id }
    }
  }`;

jest.setTimeout(120_000);

describe('identity resolution through the gateway (embedded database)', () => {
  let running: TestHub;
  const person = demoPerson();

  beforeAll(async () => {
    running = await startTestHub('embedded', { LINK_SYNC_INTERVAL_MS: '200' });
  });
  afterAll(() => running?.stop());

  const links = async () => {
    const response = await request(running.url)
      .post('/graphql')
      .set('authorization', await running.authorization())
      .send({ query: LINKS, variables: { id: person.id } });
    expect(response.body.errors).toBeUndefined();
    return response.body.data.person;
  };

  it('returns each linked record with its probability and per-field reasons', async () => {
    const { links: found } = await links();

    expect(found.map((l: { recordId: string }) => l.recordId).sort()).toEqual(
      person.records.map((r) => r.recordId).sort(),
    );
    for (const link of found) {
      expect(link.matchProbability).toBeGreaterThanOrEqual(0.9);
      expect(['RULE', 'MODEL']).toContain(link.status);
      expect(link.explanation.reasons.length).toBeGreaterThan(1);
      for (const reason of link.explanation.reasons) {
        expect(typeof reason.weight).toBe('number');
        expect(reason.level).toMatch(/^[A-Z_0-9]+$/);
      }
    }
  });

  it('links a record a charity adds while the hub runs, within seconds, without a full re-run', async () => {
    const before = (await links()).supportRecords.length;
    const config = loadConfig({ DATA_DIR: running.dataDir });
    const vcs = await openDatabase(createVcsDatabase(config.subgraphs.vcs));
    const [organisation] = await vcs.query('SELECT id FROM organisation LIMIT 1');
    const id = randomUUID();
    try {
      await vcs.getRepository(SupportRecord).save({
        id,
        organisationId: organisation.id,
        givenName: person.givenName,
        familyName: person.familyName,
        dateOfBirth: person.dateOfBirth,
        postcode: null,
        nino: null,
        prisonNumber: person.records.find((r) => r.recordKind === 'MOJ_PRISONER')?.recordId ?? null,
        openedOn: '2026-11-20',
      });
    } finally {
      await closeDatabase(vcs);
    }
    const deadline = Date.now() + 10_000;
    let supportRecords: { id: string }[] = [];
    while (Date.now() < deadline) {
      ({ supportRecords } = await links());
      if (supportRecords.length > before) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(supportRecords.map((r) => r.id)).toContain(id);
  });
});
