import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type PostServer, answerJson, postServer } from '../../test/support/post-server';
import { Purpose, type RequestContext, Role } from '../auth/roles';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { type RemoteScopeLookup, identityScopeClient } from './remote-scope';
import { RecordKind } from './scope';

// A controller asks identity for a request's scope unless identity handed it over. "Identity"
// here is an HTTP server that counts the questions and answers every kind with one record.

const user = (nonce: string, subject = 'u1'): RequestContext => ({
  caller: { subject, role: Role.COORDINATOR, organisation: 'org-1', purposes: [] },
  purpose: Purpose.EMPLOYMENT_SUPPORT,
  requestId: 'r',
  nonce,
});
const MOJ = [RecordKind.MOJ_PRISONER, RecordKind.MOJ_PROBATION_CASE];
const handed = (only: string[]) =>
  new Map(MOJ.map((kind) => [kind, { only: new Set(only), except: new Set<string>() }]));

describe("a controller's scope lookup", () => {
  let dir: string;
  let identity: PostServer;
  let asked = 0;
  let lookup: RemoteScopeLookup;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'remote-scope-'));
    identity = await postServer((body, _request, response) => {
      asked += 1;
      const { kinds } = (JSON.parse(body) as { variables: { kinds: string[] } }).variables;
      const accessScope = kinds.map((kind) => ({ kind, only: ['asked'], except: [] }));
      answerJson(response, { data: { accessScope } });
    });
    const config = loadConfig({
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      IDENTITY_URL: `${identity.url}/graphql`,
    });
    lookup = identityScopeClient(config, createLogger('moj', config));
  });
  beforeEach(() => {
    asked = 0;
  });
  afterAll(async () => {
    await identity.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('asks identity once per gateway request', async () => {
    const first = await lookup(user('n1'), MOJ);
    expect(await lookup(user('n1'), MOJ)).toBe(first);
    expect([...(first.MOJ_PRISONER.only ?? [])]).toEqual(['asked']);
    await lookup(user('n2'), MOJ);
    expect(asked).toBe(2);
  });

  it('takes a scope identity handed over for the request instead of asking', async () => {
    lookup.accept({ user: user('n3'), scopes: handed(['A1234BC']) });
    const scopes = await lookup(user('n3'), MOJ);
    expect([...(scopes.MOJ_PRISONER.only ?? [])]).toEqual(['A1234BC']);
    expect(asked).toBe(0);
  });

  it("asks for another request, another user's, or a kind not handed over", async () => {
    lookup.accept({ user: user('n4'), scopes: handed(['A1234BC']) });
    await lookup(user('n5'), MOJ);
    await lookup(user('n4', 'u2'), MOJ);
    await lookup(user('n4'), [...MOJ, RecordKind.DWP_CLAIMANT]);
    expect(asked).toBe(3);
  });
});
