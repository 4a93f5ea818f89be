import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { Purpose, type RequestContext, Role } from '../../../lib/auth/roles';
import { loadConfig } from '../../../lib/config';
import { createLogger } from '../../../lib/logger';
import { type PostServer, answerGraphql, postServer } from '../../../test/support/post-server';
import { CharityCaseloadClient } from './charity-caseload';

// Identity asks vcs for a coordinator's caseload on every request, naming the version it holds;
// vcs answers with no ids while that version still stands. The vcs here is a GraphQL server over
// HTTP that keeps a version per charity and answers as vcs's resolver does.

const SCHEMA = buildSchema(`
  type CharityCaseload { version: String ids: [ID!] }
  type Query { charityCaseload(organisation: ID!, since: String): CharityCaseload! }`);

const coordinatorOf = (organisation: string): RequestContext => ({
  caller: { subject: 'c', role: Role.COORDINATOR, organisation, purposes: [] },
  purpose: Purpose.EMPLOYMENT_SUPPORT,
  requestId: 'r1',
});

describe("identity's question to vcs for a charity's caseload", () => {
  let dir: string;
  let vcs: PostServer;
  let client: CharityCaseloadClient;
  const caseloads = new Map<string, { version: string | null; ids: string[] }>();
  const asked: { organisation: string; since: string | null }[] = [];
  /** What vcs answers, when a test wants it to misbehave. */
  let override: ((since: string | null) => unknown) | undefined;

  const root = {
    charityCaseload: ({ organisation, since }: { organisation: string; since: string | null }) => {
      asked.push({ organisation, since });
      if (override) return override(since);
      const { version, ids } = caseloads.get(organisation) ?? { version: 'none', ids: [] };
      return { version, ids: version !== null && since === version ? null : ids };
    },
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'charity-caseload-'));
    vcs = await postServer((body, _request, response) =>
      answerGraphql(SCHEMA, root, body, response),
    );
  });
  beforeEach(() => {
    const config = loadConfig({
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      VCS_URL: `${vcs.url}/graphql`,
    });
    client = new CharityCaseloadClient(config, createLogger('identity', config));
    caseloads.clear();
    caseloads.set('a', { version: 'v1', ids: ['s1', 's2'] });
    caseloads.set('b', { version: 'v7', ids: ['s3'] });
    asked.length = 0;
    override = undefined;
  });
  afterAll(async () => {
    await vcs.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('names the version it holds, and uses the ids it kept while vcs says it stands', async () => {
    const first = await client.of(coordinatorOf('a'));
    const again = await client.of(coordinatorOf('a'));
    expect(first).toEqual(['s1', 's2']);
    expect(again).toBe(first);
    expect(await client.of(coordinatorOf('b'))).toEqual(['s3']);
    expect(asked).toEqual([
      { organisation: 'a', since: null },
      { organisation: 'a', since: 'v1' },
      { organisation: 'b', since: null },
    ]);
  });

  it('takes the new ids, and keeps them, once the version moves', async () => {
    await client.of(coordinatorOf('a'));
    caseloads.set('a', { version: 'v2', ids: ['s2'] });
    expect(await client.of(coordinatorOf('a'))).toEqual(['s2']);
    expect(await client.of(coordinatorOf('a'))).toEqual(['s2']);
    expect(asked.map(({ since }) => since)).toEqual([null, 'v1', 'v2']);
  });

  it('keeps nothing vcs could not name', async () => {
    caseloads.set('a', { version: null, ids: ['s1'] });
    await client.of(coordinatorOf('a'));
    expect(await client.of(coordinatorOf('a'))).toEqual(['s1']);
    expect(asked.map(({ since }) => since)).toEqual([null, null]);
  });

  it('shows nothing when vcs claims no change to a version it was not asked about', async () => {
    override = () => ({ version: 'v9', ids: null });
    await expect(client.of(coordinatorOf('a'))).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_UNAVAILABLE' },
    });
    override = undefined;
    await client.of(coordinatorOf('a'));
    override = () => ({ version: 'v9', ids: null });
    await expect(client.of(coordinatorOf('a'))).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_UNAVAILABLE' },
    });
  });

  it('lets the oldest charity go once the kept caseloads pass 200,000 records', async () => {
    const many = (prefix: string) => Array.from({ length: 120_000 }, (_, i) => `${prefix}${i}`);
    caseloads.set('a', { version: 'v1', ids: many('a') });
    caseloads.set('b', { version: 'v1', ids: many('b') });
    await client.of(coordinatorOf('a'));
    await client.of(coordinatorOf('b'));
    await client.of(coordinatorOf('b'));
    await client.of(coordinatorOf('a'));
    expect(asked.map(({ since }) => since)).toEqual([null, null, 'v1', null]);
  });
});
