import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSchema } from 'graphql';
import {
  type PostServer,
  answerGraphql,
  answerJson,
  postServer,
} from '../../../test/support/post-server';
import { Purpose, Role } from '../../../lib/auth/roles';
import { type Config, loadConfig } from '../../../lib/config';
import { SubgraphCallError } from '../../../lib/internal-call';
import { MAX_FACT_KEYS } from '../../../lib/person-facts';
import type { HandedScope } from '../../../lib/access/handed-scope';
import { type AskController, type FieldQuestion, controllerCalls } from './controller-calls';

// Identity's questions to one controller in one turn go as one call, and a field that fails
// fails alone. The controller here is a GraphQL server over HTTP answering two root fields.

const SCHEMA = buildSchema(`
  type Fact { recordId: String! kind: String! }
  type Query {
    readiness(keys: [String!]!): [Fact!]!
    timeline(keys: [String!]!): [Fact!]!
    broken(keys: [String!]!): [Fact!]
    brokenWhole(keys: [String!]!): [Fact!]!
  }`);
const facts =
  (kind: string) =>
  ({ keys }: { keys: string[] }) =>
    keys.map((recordId) => ({ recordId, kind }));
const ROOT = {
  readiness: facts('readiness'),
  timeline: facts('timeline'),
  broken: () => {
    throw new Error('not today');
  },
  brokenWhole: () => {
    throw new Error('not today');
  },
};

const question = (field: string, keys: string[]): FieldQuestion => ({
  field,
  argument: 'keys',
  type: '[String!]!',
  selection: 'recordId kind',
  value: keys,
});

describe("identity's calls to a controller", () => {
  let dir: string;
  let controller: PostServer;
  let config: Config;
  const bodies: string[] = [];
  let ask: AskController;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'controller-calls-'));
    controller = await postServer((body, _request, response) => {
      bodies.push(body);
      answerGraphql(SCHEMA, ROOT, body, response);
    });
    config = loadConfig({
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      MOJ_URL: `${controller.url}/graphql`,
    });
  });
  beforeEach(() => {
    bodies.length = 0;
    ask = controllerCalls(config, {
      caller: { subject: 'c', role: Role.COORDINATOR, organisation: 'o', purposes: [] },
      purpose: Purpose.EMPLOYMENT_SUPPORT,
      requestId: 'r1',
    });
  });
  afterAll(async () => {
    await controller.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends the questions of one turn as one call, and gives each its own rows', async () => {
    const [readiness, timeline] = await Promise.all([
      ask('moj', question('readiness', ['A1', 'A2'])),
      ask('moj', question('timeline', ['A3'])),
    ]);
    expect(bodies).toHaveLength(1);
    expect(readiness).toEqual([
      { recordId: 'A1', kind: 'readiness' },
      { recordId: 'A2', kind: 'readiness' },
    ]);
    expect(timeline).toEqual([{ recordId: 'A3', kind: 'timeline' }]);
  });

  it('fails a field that failed, and only that one, when the others keep their answer', async () => {
    const [readiness, broken] = await Promise.allSettled([
      ask('moj', question('readiness', ['A1'])),
      ask('moj', question('broken', ['A1'])),
    ]);
    expect(bodies).toHaveLength(1);
    expect(readiness).toEqual({
      status: 'fulfilled',
      value: [{ recordId: 'A1', kind: 'readiness' }],
    });
    expect(broken.status).toBe('rejected');
    const reason = (broken as PromiseRejectedResult).reason as Error;
    expect(reason).toBeInstanceOf(SubgraphCallError);
    expect(reason.message).toBe('moj refused broken: not today');
  });

  it('fails every question when a non-null field failed and took the whole answer', async () => {
    const answers = await Promise.allSettled([
      ask('moj', question('readiness', ['A1'])),
      ask('moj', { ...question('broken', ['A1']), field: 'brokenWhole' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
  });

  it('starts another call rather than carry more than MAX_FACT_KEYS keys in one', async () => {
    const keys = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `K${from + i}`);
    const answers = await Promise.all([
      ask('moj', question('readiness', keys(0, MAX_FACT_KEYS - 10))),
      ask('moj', question('timeline', keys(0, 10))),
      ask('moj', question('readiness', keys(MAX_FACT_KEYS, 11))),
    ]);
    expect(bodies).toHaveLength(2);
    expect(answers.map((rows) => (rows as unknown[]).length)).toEqual([MAX_FACT_KEYS - 10, 10, 11]);
  });

  it('asks afresh in a later turn', async () => {
    await ask('moj', question('readiness', ['A1']));
    await ask('moj', question('timeline', ['A1']));
    expect(bodies).toHaveLength(2);
  });

  it("hands over the user's scope over the controller's records, for a gateway request", async () => {
    const user = {
      caller: { subject: 'c', role: Role.COORDINATOR, organisation: 'o', purposes: [] },
      purpose: Purpose.EMPLOYMENT_SUPPORT,
      requestId: 'r3',
      nonce: 'gateway-nonce',
    };
    let worked = 0;
    const scopes = (kinds: readonly string[]) =>
      Promise.resolve(++worked).then(() =>
        Object.fromEntries(
          kinds.map((kind) => [kind, { only: new Set([kind]), except: new Set<string>() }]),
        ),
      );
    await controllerCalls(config, user, scopes)('moj', question('readiness', ['A1']));
    await controllerCalls(
      config,
      { ...user, nonce: undefined },
      scopes,
    )('moj', question('readiness', ['A1']));
    // Not worked out for a request with no nonce: it could not be handed over.
    expect(worked).toBe(1);
    const failing = () => Promise.reject(new Error('vcs is down'));
    await controllerCalls(config, user, failing)('moj', question('readiness', ['A1']));
    const sent = bodies.map((body) => (JSON.parse(body) as { extensions?: unknown }).extensions);
    expect(sent).toEqual([
      {
        handedScope: {
          for: {
            subject: 'c',
            role: 'COORDINATOR',
            organisation: 'o',
            purpose: 'EMPLOYMENT_SUPPORT',
          },
          digest: expect.any(String),
          scopes: {
            MOJ_PRISONER: { only: ['MOJ_PRISONER'], except: [] },
            MOJ_PROBATION_CASE: { only: ['MOJ_PROBATION_CASE'], except: [] },
          },
        },
      },
      undefined,
      undefined,
    ]);
  });

  it('hands a scope over whole once, then by digest alone for a minute', async () => {
    const user = {
      caller: { subject: 'c', role: Role.COORDINATOR, organisation: 'o', purposes: [] },
      purpose: Purpose.EMPLOYMENT_SUPPORT,
      requestId: 'r4',
      nonce: 'another-nonce',
    };
    const scopeOf = (id: string) => (kinds: readonly string[]) =>
      Promise.resolve(
        Object.fromEntries(
          kinds.map((kind) => [kind, { only: new Set([id]), except: new Set<string>() }]),
        ),
      );
    const refused: string[] = [];
    const refusing = await postServer((body, _request, response) => {
      refused.push(body);
      answerJson(response, { errors: [{ message: 'not now' }] }, 503);
    });
    const elsewhere = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', MOJ_URL: refusing.url });
    const handed = async (id: string, to = config, sent = bodies) => {
      const before = sent.length;
      await controllerCalls(
        to,
        user,
        scopeOf(id),
      )('moj', question('readiness', ['A1'])).catch(() => null);
      const { extensions } = JSON.parse(sent[before]) as {
        extensions: { handedScope: HandedScope };
      };
      return extensions.handedScope;
    };
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(now);
      const first = await handed('P1');
      expect(first.scopes).toBeDefined();
      expect(await handed('P1')).toEqual({ ...first, scopes: undefined });
      expect((await handed('P2')).scopes).toBeDefined();
      // Not to another controller; and a call it did not answer hands nothing over.
      expect((await handed('P1', elsewhere, refused)).scopes).toBeDefined();
      expect((await handed('P1', elsewhere, refused)).scopes).toBeDefined();
      clock.mockReturnValue(now + 59_000);
      expect((await handed('P1')).scopes).toBeUndefined();
      clock.mockReturnValue(now + 61_000);
      expect((await handed('P1')).scopes).toBeDefined();
    } finally {
      clock.mockRestore();
      await refusing.close();
    }
  });

  it('fails every question of a call the controller did not answer', async () => {
    const away = loadConfig({
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      MOJ_URL: 'http://127.0.0.1:9/graphql',
    });
    const askAway = controllerCalls(away, {
      caller: { subject: 'c', role: Role.COORDINATOR, organisation: 'o', purposes: [] },
      purpose: Purpose.EMPLOYMENT_SUPPORT,
      requestId: 'r2',
    });
    const answers = await Promise.allSettled([
      askAway('moj', question('readiness', ['A1'])),
      askAway('moj', question('timeline', ['A1'])),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
    expect(String((answers[0] as PromiseRejectedResult).reason)).toMatch(/moj did not answer/);
  });
});
