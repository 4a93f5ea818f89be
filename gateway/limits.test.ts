import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import {
  GraphQLError,
  type GraphQLSchema,
  getIntrospectionQuery,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import type { Config } from '../lib/config';
import { ErrorCode, badUserInput, hubError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { SCHEMA_DIR } from '../lib/paths';
import { CASELOAD_PAGE, SINGLE_PERSON } from '../bench/person-view-queries';
import {
  INTERNAL_ERROR_MESSAGE,
  LIMIT_MESSAGES,
  MAX_REQUEST_CHARACTERS,
  limitRequestSize,
  maskErrors,
  queryLimits,
} from './limits';

const typeDefs = `#graphql
  enum Colour { RED GREEN }
  type Query {
    hello: String
    node: Node
    colour(colour: Colour): String
    count(values: [Int]): Int
    fails: String
    unknownCode: String
    badInput: String
    notFound: String
  }
  type Node { id: ID, name: String, child: Node }
`;

const SQL = 'SELECT * FROM person WHERE national_insurance_number = $1';

const resolvers = {
  Query: {
    hello: () => 'hi',
    node: () => ({ id: '1', name: 'one' }),
    colour: (_: unknown, { colour }: { colour: string }) => colour,
    count: (_: unknown, { values }: { values: number[] }) => values.length,
    fails: () => {
      throw new Error(`SQLITE_ERROR: no such column: nino in ${SQL}`);
    },
    unknownCode: () => {
      throw new GraphQLError(`duplicate key value in ${SQL}`, {
        extensions: { code: 'DATABASE_ERROR', sql: SQL },
      });
    },
    badInput: () => {
      throw badUserInput('id', 'id must be a hub id (UUID)');
    },
    notFound: () => {
      throw hubError(ErrorCode.NOT_FOUND, 'No such person.', {
        exception: { stacktrace: ['Error: No such person.', '    at resolve (person.ts:1:1)'] },
      });
    },
  },
  Node: { child: () => ({ id: '2', name: 'two' }) },
};

type Env = Config['env'];

/** A tiny server wired as the gateway should be: the limits, the masking, the body middleware. */
async function tinyServer(env: Env, logger?: Logger) {
  const config = { env };
  // A context type of its own, as the gateway has: the limits must fit any.
  const apollo = new ApolloServer<{ requestId: string }>({
    typeDefs,
    resolvers,
    ...queryLimits(config),
    formatError: maskErrors(config, logger),
    // The worst case: even if stack traces were switched on, masking removes them.
    includeStacktraceInErrorResponses: true,
  });
  await apollo.start();
  const app = express();
  app.use(
    '/graphql',
    limitRequestSize(),
    expressMiddleware(apollo, { context: async () => ({ requestId: 'test' }) }),
  );
  return { app, stop: () => apollo.stop() };
}

const servers: Partial<Record<Env, { app: Express; stop(): Promise<void> }>> = {};

beforeAll(async () => {
  servers.production = await tinyServer('production');
  servers.development = await tinyServer('development');
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server?.stop()));
});

function post(env: Env, query: string, variables?: Record<string, unknown>) {
  return request(servers[env]!.app).post('/graphql').send({ query, variables });
}

/** `{ node { child { … id } } }` with `depth` fields from the root to the leaf. */
function nested(depth: number): string {
  let selection = 'id';
  for (let level = depth - 1; level >= 1; level--) {
    selection = `${level === 1 ? 'node' : 'child'} { ${selection} }`;
  }
  return `{ ${selection} }`;
}

const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: hello`).join(' ')} }`;
/** `{ count(values: [1 1 …]) }`: nine tokens around the list, each number one more. */
const tokens = (n: number) =>
  `{ count(values: [${Array(n - 9)
    .fill('1')
    .join(' ')}]) }`;
const directives = (n: number) => `{ ${Array(n).fill('hello @include(if: true)').join(' ')} }`;
/** A fragment spread n times: few tokens, shallow, but each spread costs the fragment again. */
const costly = (n: number) =>
  `{ node { child { ${Array(n).fill('...F').join(' ')} } } }
   fragment F on Node { id name child { id name child { id name } } }`;

describe('queryLimits', () => {
  it.each([
    ['depth', nested(8), nested(9), LIMIT_MESSAGES.depth],
    ['aliases', aliases(15), aliases(16), LIMIT_MESSAGES.aliases],
    ['directives', directives(50), directives(51), LIMIT_MESSAGES.directives],
    ['cost', costly(50), costly(150), LIMIT_MESSAGES.cost],
  ])(
    'answers a query at the %s limit and refuses one past it, 400, GRAPHQL_VALIDATION_FAILED',
    async (_limit, atLimit, pastLimit, message) => {
      const allowed = await post('production', atLimit);
      const refused = await post('production', pastLimit);

      expect(allowed.status).toBe(200);
      expect(allowed.body.errors).toBeUndefined();
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({
        errors: [{ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
      });
    },
  );

  it('counts a fragment as the fields it stands for: eight levels written with fragments pass', async () => {
    const withFragments = `{ node { ...A } }
      fragment A on Node { child { ... on Node { child { ...B } } } }
      fragment B on Node { child { child { child { child { id } } } } }`;

    const response = await post('production', withFragments);

    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(
      (await post('production', withFragments.replace('{ id }', '{ child { id } }'))).body,
    ).toEqual({
      errors: [
        { message: LIMIT_MESSAGES.depth, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      ],
    });
  });

  it('answers a 1,000-token document and refuses a 1,001-token one while parsing, 400', async () => {
    const allowed = await post('production', tokens(1_000));
    const refused = await post('production', tokens(1_001));

    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({ data: { count: 1_000 - 9 } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      errors: [{ message: LIMIT_MESSAGES.tokens, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
    });
  });

  it('never puts a number in a limit message, in any environment', async () => {
    for (const env of ['production', 'development'] as const) {
      for (const query of [nested(9), aliases(16), directives(51), costly(150), tokens(1_001)]) {
        const response = await post(env, query);

        expect(response.status).toBe(400);
        expect(response.body.errors[0].message).toMatch(/^Query /);
        expect(JSON.stringify(response.body)).not.toMatch(/\d/);
      }
    }
  });

  it('gives no "Did you mean" suggestion in production, for fields or enum values', async () => {
    const field = await post('production', '{ helo }');
    const enumValue = await post('production', 'query ($c: Colour) { colour(colour: $c) }', {
      c: 'REDD',
    });
    const literal = await post('production', '{ colour(colour: REDD) }');

    for (const response of [field, enumValue, literal]) {
      expect(response.status).toBe(400);
      expect(response.body.errors[0].message).not.toMatch(/did you mean|"RED"|"hello"/i);
    }
    expect(field.body.errors[0]).toMatchObject({
      message: 'Cannot query field "helo" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('keeps suggestions in development, where introspection shows the schema anyway', async () => {
    const response = await post('development', '{ helo }');

    expect(response.body.errors[0].message).toMatch(/Did you mean "hello"\?/);
  });

  it('lets tools introspect in development: the introspection query is within every limit', async () => {
    const response = await post('development', getIntrospectionQuery({ descriptions: true }));

    expect(response.status).toBe(200);
    expect(response.body.data.__schema.queryType.name).toBe('Query');
  });

  describe('on the real supergraph', () => {
    let schema: GraphQLSchema;
    let gateway: ApolloGateway;

    beforeAll(async () => {
      const supergraphSdl = readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
      gateway = new ApolloGateway({ supergraphSdl });
      ({ schema } = await gateway.load());
    });

    afterAll(() => gateway.stop());

    function problems(query: string) {
      const limits = queryLimits({ env: 'production' });
      const document = parse(query, limits.parseOptions);
      return validate(schema, document, [...specifiedRules, ...limits.validationRules]).map(
        (error) => error.message,
      );
    }

    it("passes the README's joined-person query and its identity-explanation query", () => {
      const joined = `query ($id: ID!) { person(id: $id) { givenName familyName
        claimant { nino jobcentre benefitClaims { benefit claimDate startedInCustody } }
        prisoner { prisonNumber latestCustodyPeriod { releaseDate establishment { name } } }
        probationCase { crn practitionerName licenceConditions { kind restrictsWork } }
        supportRecords { organisation { name } referrals { status service { kind } } } } }`;
      const explained = `query ($id: ID!) { person(id: $id) { links { recordKind recordId status
        matchProbability explanation { matchWeight rule reasons { field level weight } } } } }`;

      expect(problems(joined)).toEqual([]);
      expect(problems(explained)).toEqual([]);
    });

    it('passes the caseload page and the joined person view the benchmark sends', () => {
      expect(problems(CASELOAD_PAGE)).toEqual([]);
      expect(problems(SINGLE_PERSON)).toEqual([]);
    });

    it('bounds a query at eight levels: a search reaches an establishment, no cycle goes on', () => {
      const within = `{ people(search: { familyName: "Smith" }) { edges { node { score
        person { prisoner { latestCustodyPeriod { establishment { name } } } } } } } }`;
      const tooDeep = `{ myCaseload { edges { node { person { claimant { person { prisoner {
        latestCustodyPeriod { releaseDate } } } } } } } } }`;

      expect(problems(within)).toEqual([]);
      expect(problems(tooDeep)).toEqual([LIMIT_MESSAGES.depth]);
    });
  });
});

describe('limitRequestSize', () => {
  /** A JSON body of exactly `length` characters, padded with insignificant white space. */
  function body(length: number): string {
    const start = '{"query":"{ hello }"';
    return start + ' '.repeat(length - start.length - 1) + '}';
  }

  it('reads a body of 15,000 characters and refuses one of 15,001 with 413', async () => {
    const app = servers.production!.app;
    const atLimit = await request(app)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(body(MAX_REQUEST_CHARACTERS));
    const pastLimit = await request(app)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(body(MAX_REQUEST_CHARACTERS + 1));

    expect(atLimit.status).toBe(200);
    expect(atLimit.body).toEqual({ data: { hello: 'hi' } });
    expect(pastLimit.status).toBe(413);
    expect(pastLimit.body).toEqual({
      errors: [{ message: 'The request is too large.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('refuses a chunked body (no Content-Length) once it passes 15,000 characters', async () => {
    const framing: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      framing.push(req.headers['content-length'] ?? req.headers['transfer-encoding']);
      servers.production!.app(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const send = (text: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = http.request(
            { port, host: '127.0.0.1', method: 'POST', path: '/graphql' },
            (res) => {
              let received = '';
              res.on('data', (chunk) => (received += chunk));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: received }));
            },
          );
          req.setHeader('content-type', 'application/json');
          req.on('error', reject);
          for (let at = 0; at < text.length; at += 1_000) req.write(text.slice(at, at + 1_000));
          req.end();
        });

      const atLimit = await send(body(MAX_REQUEST_CHARACTERS));
      const pastLimit = await send(body(MAX_REQUEST_CHARACTERS + 1));

      expect(framing).toEqual(['chunked', 'chunked']);
      expect(atLimit.status).toBe(200);
      expect(pastLimit.status).toBe(413);
      expect(JSON.parse(pastLimit.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a GET query string longer than 15,000 characters with 413', async () => {
    const response = await request(servers.production!.app)
      .get('/graphql')
      .query({ query: '{ hello }', padding: 'x'.repeat(MAX_REQUEST_CHARACTERS) })
      .set('apollo-require-preflight', 'true');

    expect(response.status).toBe(413);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a batch (a JSON array of operations) with 400 and says why', async () => {
    const response = await request(servers.production!.app)
      .post('/graphql')
      .send([{ query: '{ hello }' }, { query: '{ hello }' }]);

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [
        {
          message: 'Batched requests are not accepted: send one operation per request.',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('answers a body that is not JSON, or not sent as JSON, with a GraphQL-shaped error', async () => {
    const app = servers.development!.app;
    const broken = await request(app)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send('{"query": ');
    const plain = await request(app)
      .post('/graphql')
      .set('content-type', 'text/plain')
      .send('{ hello }');

    expect(broken.status).toBe(400);
    expect(broken.body.errors[0]).toEqual({
      message: 'The request body is not JSON.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(plain.status).toBe(415);
    expect(plain.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify([broken.body, plain.body])).not.toMatch(/ at |stack/i);
  });

  it('still bounds the size when an earlier body parser has read the body', async () => {
    const app = express();
    app.use(express.json({ limit: '1mb' }), limitRequestSize(), (_req, res) => {
      res.json({ passed: true });
    });

    const small = await request(app).post('/').send({ query: '{ hello }' });
    const large = await request(app)
      .post('/')
      .send({ query: `{ hello ${' '.repeat(MAX_REQUEST_CHARACTERS)} }` });

    expect(small.body).toEqual({ passed: true });
    expect(large.status).toBe(413);
  });
});

describe("Apollo Server 5's own defaults, which the gateway keeps", () => {
  it('refuses batched requests even without limitRequestSize (allowBatchedHttpRequests)', async () => {
    const apollo = new ApolloServer({ typeDefs, resolvers });
    await apollo.start();
    try {
      const app = express();
      app.use('/graphql', express.json(), expressMiddleware(apollo));

      const response = await request(app)
        .post('/graphql')
        .send([{ query: '{ hello }' }, { query: '{ hello }' }]);

      expect(response.status).toBe(400);
      expect(response.text).toMatch(/batching disabled/i);
    } finally {
      await apollo.stop();
    }
  });

  it('refuses a GET without a preflight header as possible CSRF (csrfPrevention)', async () => {
    const app = servers.production!.app;
    const simple = await request(app).get('/graphql').query({ query: '{ hello }' });
    const preflighted = await request(app)
      .get('/graphql')
      .query({ query: '{ hello }' })
      .set('apollo-require-preflight', 'true');

    expect(simple.status).toBe(400);
    expect(simple.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/Cross-Site Request Forgery/),
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(preflighted.body).toEqual({ data: { hello: 'hi' } });
  });
});

describe('maskErrors', () => {
  it('turns an internal error into one fixed message in production: no SQL, no stack', async () => {
    const response = await post('production', '{ hello fails }');

    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ hello: 'hi', fails: null });
    expect(response.body.errors).toEqual([
      {
        message: INTERNAL_ERROR_MESSAGE,
        path: ['fails'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/SELECT|SQLITE|stacktrace|exception/);
  });

  it('masks a code outside the closed list too, with its extensions', async () => {
    const response = await post('production', '{ unknownCode }');

    expect(response.body.errors).toEqual([
      {
        message: INTERNAL_ERROR_MESSAGE,
        path: ['unknownCode'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
  });

  it('logs what it masked, in full, when given a logger', async () => {
    const logged: unknown[][] = [];
    const logger = { error: (...args: unknown[]) => logged.push(args) } as unknown as Logger;
    const { app, stop } = await tinyServer('production', logger);
    try {
      await request(app).post('/graphql').send({ query: '{ fails }' });
    } finally {
      await stop();
    }

    expect(logged).toHaveLength(1);
    const [fields] = logged[0] as [{ err: Error; path: unknown }];
    expect(fields.err.message).toContain(SQL);
    expect(fields.path).toEqual(['fails']);
  });

  it('keeps a known BAD_USER_INPUT in production: message, code, argument', async () => {
    const response = await post('production', '{ badInput }');

    expect(response.body.errors).toEqual([
      {
        message: 'id must be a hub id (UUID)',
        locations: [{ line: 1, column: 3 }],
        path: ['badInput'],
        extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
      },
    ]);
  });

  it('keeps a known code but drops its stack trace and exception in production', async () => {
    const response = await post('production', '{ notFound }');

    expect(response.body.errors[0]).toMatchObject({
      message: 'No such person.',
      extensions: { code: 'NOT_FOUND' },
    });
    expect(Object.keys(response.body.errors[0].extensions)).toEqual(['code']);
  });

  it('keeps Apollo request errors clients act on, such as a persisted query to resend', async () => {
    const response = await request(servers.production!.app)
      .post('/graphql')
      .send({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });

    expect(response.body.errors[0]).toEqual({
      message: 'PersistedQueryNotFound',
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    });
  });

  it('keeps messages in development but drops every stack trace', async () => {
    const failed = await post('development', '{ fails }');
    const notFound = await post('development', '{ notFound }');

    expect(failed.body.errors[0]).toMatchObject({
      message: expect.stringContaining('SQLITE_ERROR'),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    for (const response of [failed, notFound]) {
      expect(JSON.stringify(response.body)).not.toMatch(/stacktrace|exception|\.ts:\d/);
    }
  });
});
