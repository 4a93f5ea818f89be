import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, type ObjectTypeDefinitionNode, parse } from 'graphql';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { verifyAuditChain } from '../lib/audit/verify';
import { Purpose, Role } from '../lib/auth/roles';
import type { SubgraphSettings } from '../lib/config';
import { closeDatabase, openDatabase } from '../lib/database';
import { ErrorCode } from '../lib/errors';
import { SCHEMA_DIR } from '../lib/paths';
import { SUBGRAPH_NAMES, type SubgraphName } from '../lib/subgraphs';
import { buildDemoWorld, charitiesSharing, demoPerson } from '../seed/demo';
import { createDwpDatabase } from '../subgraphs/dwp/database';
import { createIdentityDatabase } from '../subgraphs/identity/database';
import { createMojDatabase } from '../subgraphs/moj/database';
import { createVcsDatabase } from '../subgraphs/vcs/database';
import { type TestHub, backends, startTestHub } from './support/hub';
import { type DocumentTrust, trustDocuments } from './support/trusted-documents';

// SQL metacharacters in every string argument of every root field a client can call, through the
// real gateway with real tokens. The cases are generated from the schema the gateway introspects,
// so a new argument (or input field) is attacked without anyone writing a case for it. None may
// answer 500, show SQL or a stack, return rows, succeed as a mutation, or change a database.

/** What an attacker types. Each is sent raw, and inside a well-formed cursor for `after`. */
const NASTY = [
  "' OR 1=1 --",
  '"; DROP TABLE claimant; --',
  "\\' UNION SELECT * FROM person --",
  "%' AND 1=1 --",
  '$1; SELECT pg_sleep(5)',
  '\u0000',
];

/**
 * The answers a hostile argument may get: refused as input, not found, or not this caller's to
 * ask. These are the only codes the cases get where the hub behaves: every value here is a
 * well-formed string, and the gateway takes Date (a custom scalar) as an opaque one, so Apollo
 * Server's request-level codes (GRAPHQL_VALIDATION_FAILED and the like) never come up. Left out
 * on purpose, though lib/errors.ts lists them: INTERNAL_SERVER_ERROR (the value broke something
 * on its way, e.g. the database refused it; outside production the answer quotes the database),
 * UPSTREAM_UNAVAILABLE (a subgraph fell over), UNAUTHENTICATED and RATE_LIMITED (the test's own
 * tokens and limits are good).
 */
const ALLOWED_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.FORBIDDEN,
]);

/** Anything that tells an attacker about the database or the code. */
const LEAK = new RegExp(
  [
    // SQLite's and PostgreSQL's own words, and the ORM's.
    'SQLITE',
    'syntax error',
    'invalid input syntax',
    'invalid byte sequence',
    'pg_',
    'relation "',
    'column "',
    'QueryFailedError',
    'TypeORM',
    // A stack trace, or where the code lives.
    'at \\w+ \\(',
    '\\.ts:\\d+',
    '\\.js:\\d+',
    'stack',
    // A subgraph's address.
    'https?://',
  ].join('|'),
  'i',
);

/** Root fields a client can call (not @inaccessible) with arguments, from the supergraph. */
function rootFieldsWithArguments(): { operation: 'query' | 'mutation'; field: string }[] {
  const document = parse(readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8'));
  const inaccessible = (node: { directives?: readonly { name: { value: string } }[] }) =>
    node.directives?.some((d) => d.name.value === 'inaccessible') ?? false;
  return document.definitions
    .filter(
      (d): d is ObjectTypeDefinitionNode =>
        d.kind === Kind.OBJECT_TYPE_DEFINITION &&
        (d.name.value === 'Query' || d.name.value === 'Mutation'),
    )
    .flatMap((type) =>
      (type.fields ?? [])
        .filter((field) => !inaccessible(field) && (field.arguments ?? []).length > 0)
        .map((field) => ({
          operation: type.name.value === 'Query' ? ('query' as const) : ('mutation' as const),
          field: field.name.value,
        })),
    );
}

const ROOT_FIELDS = rootFieldsWithArguments();
const REPORTING_ROOTS = ['cohortOutcomes', 'serviceComparison'];

// ---------------------------------------------------------------------------------------------
// The schema, as the gateway introspects it to a client.

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  defaultValue: string | null;
  type: TypeRef;
}
interface SchemaField {
  name: string;
  args: InputValue[];
  type: TypeRef;
}
interface SchemaType {
  kind: string;
  name: string;
  fields: SchemaField[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}
interface Schema {
  queryType: { name: string };
  mutationType: { name: string } | null;
  types: SchemaType[];
}

const INTROSPECTION = `{ __schema {
  queryType { name } mutationType { name }
  types {
    kind name enumValues { name } inputFields { ...V }
    fields { name type { ...T } args { ...V } }
  }
}}
fragment V on __InputValue { name defaultValue type { ...T } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;

const NON_STRING_SCALARS = new Set(['Int', 'Float', 'Boolean']);
/** Valid-looking values for a required string argument that is not the one under attack. */
const FILLERS: Record<string, string> = {
  ID: '00000000-0000-4000-8000-000000000000',
  Date: '2000-01-01',
};

const named = (ref: TypeRef): TypeRef => (ref.ofType ? named(ref.ofType) : ref);
const printType = (ref: TypeRef): string =>
  ref.kind === 'NON_NULL'
    ? `${printType(ref.ofType as TypeRef)}!`
    : ref.kind === 'LIST'
      ? `[${printType(ref.ofType as TypeRef)}]`
      : (ref.name as string);
const required = (value: InputValue) =>
  value.type.kind === 'NON_NULL' && value.defaultValue === null;
/** A string or any custom scalar (Date travels as a string too). */
const stringLike = (ref: TypeRef) =>
  ref.kind === 'SCALAR' && !NON_STRING_SCALARS.has(ref.name ?? '');
/** A Relay cursor: the hub decodes it, so the attack goes inside a well-formed one too. */
const isCursor = (leaf: string) => leaf === 'after';
const cursorOf = (value: string) =>
  Buffer.from(JSON.stringify([value, value])).toString('base64url');

/** One operation: which values went where, and whether any went somewhere other than a cursor. */
interface AttackCase {
  label: string;
  query: string;
  variables: Record<string, unknown>;
  /** Some nasty value is in a filter or key, not only a cursor: nothing may come back. */
  mustFindNothing: boolean;
}

class CaseBuilder {
  private readonly types: Map<string, SchemaType>;

  constructor(private readonly schema: Schema) {
    this.types = new Map(schema.types.map((type) => [type.name, type]));
  }

  rootFields(): { operation: 'query' | 'mutation'; field: string }[] {
    const of = (operation: 'query' | 'mutation', typeName: string | undefined) =>
      (typeName ? (this.types.get(typeName)?.fields ?? []) : [])
        .filter((field) => field.args.length > 0)
        .map((field) => ({ operation, field: field.name }));
    return [
      ...of('query', this.schema.queryType.name),
      ...of('mutation', this.schema.mutationType?.name),
    ];
  }

  field(operation: 'query' | 'mutation', name: string): SchemaField {
    const typeName =
      operation === 'query' ? this.schema.queryType.name : this.schema.mutationType?.name;
    const field = this.types.get(typeName ?? '')?.fields?.find((f) => f.name === name);
    if (!field) throw new Error(`the gateway offers no ${operation} field ${name}`);
    return field;
  }

  /** Every string-typed place in an argument: `nino`, `search.familyName`, `allowedSubjects[]`. */
  leaves(ref: TypeRef, at: string, depth = 0): { path: string; scalar: string }[] {
    if (ref.kind === 'NON_NULL') return this.leaves(ref.ofType as TypeRef, at, depth);
    if (ref.kind === 'LIST') return this.leaves(ref.ofType as TypeRef, `${at}[]`, depth);
    if (stringLike(ref)) return [{ path: at, scalar: ref.name as string }];
    if (ref.kind !== 'INPUT_OBJECT' || depth > 3) return [];
    return (this.types.get(ref.name as string)?.inputFields ?? []).flatMap((input) =>
      this.leaves(input.type, `${at}.${input.name}`, depth + 1),
    );
  }

  /**
   * A value for one argument: `nasty(path)` at each string place it names, and elsewhere only what
   * is required (a filler string, 1, false, the first enum value, an input object's required
   * fields). Undefined when the argument can be left out.
   */
  value(
    ref: TypeRef,
    at: string,
    isRequired: boolean,
    nasty: (path: string) => string | undefined,
  ): unknown {
    switch (ref.kind) {
      case 'NON_NULL':
        return this.value(ref.ofType as TypeRef, at, isRequired, nasty);
      case 'LIST': {
        const item = this.value(ref.ofType as TypeRef, `${at}[]`, false, nasty);
        return item !== undefined ? [item] : isRequired ? [] : undefined;
      }
      case 'INPUT_OBJECT': {
        const fields = (this.types.get(ref.name as string)?.inputFields ?? [])
          .map((input) => [
            input.name,
            this.value(input.type, `${at}.${input.name}`, required(input), nasty),
          ])
          .filter(([, v]) => v !== undefined);
        return fields.length || isRequired ? Object.fromEntries(fields) : undefined;
      }
      case 'ENUM':
        return isRequired ? this.types.get(ref.name as string)?.enumValues?.[0]?.name : undefined;
      default: {
        if (stringLike(ref)) {
          const attack = nasty(at);
          if (attack !== undefined) return attack;
          if (isRequired) return FILLERS[ref.name as string] ?? 'x';
          return undefined;
        }
        if (!isRequired) return undefined;
        return ref.name === 'Boolean' ? false : 1;
      }
    }
  }

  /** `__typename`, the scalars, and two levels of objects: enough that every resolver runs. */
  selection(ref: TypeRef, depth = 2): string {
    const type = this.types.get(named(ref).name as string);
    if (!type || (type.kind !== 'OBJECT' && type.kind !== 'INTERFACE')) return '';
    const parts = ['__typename'];
    for (const field of type.fields ?? []) {
      if (field.args.some(required)) continue;
      const inner = this.types.get(named(field.type).name as string);
      if (inner?.kind === 'SCALAR' || inner?.kind === 'ENUM') parts.push(field.name);
      else if (depth > 0 && (inner?.kind === 'OBJECT' || inner?.kind === 'INTERFACE'))
        parts.push(`${field.name} ${this.selection(field.type, depth - 1)}`);
    }
    return `{ ${parts.join(' ')} }`;
  }

  /**
   * The attacks on one root field: every string place at once with each value (the cursor, if
   * any, well-formed around it, so that the filters reach the database), then each string place
   * alone with each value, the other arguments given only what they need.
   */
  cases(operation: 'query' | 'mutation', name: string): AttackCase[] {
    const field = this.field(operation, name);
    const selection = this.selection(field.type);
    const leaves = field.args.flatMap((arg) => this.leaves(arg.type, arg.name));
    const build = (label: string, nasty: (path: string) => string | undefined): AttackCase => {
      const variables: Record<string, unknown> = {};
      const declared: string[] = [];
      const passed: string[] = [];
      for (const arg of field.args) {
        const value = this.value(arg.type, arg.name, required(arg), nasty);
        if (value === undefined) continue;
        variables[arg.name] = value;
        declared.push(`$${arg.name}: ${printType(arg.type)}`);
        passed.push(`${arg.name}: $${arg.name}`);
      }
      const attacked = leaves.filter((leaf) => nasty(leaf.path) !== undefined);
      const args = passed.length ? `(${passed.join(', ')})` : '';
      const variableList = declared.length ? `(${declared.join(', ')})` : '';
      return {
        label,
        query: `${operation} Attack${variableList} { ${name}${args} ${selection} }`,
        variables,
        mustFindNothing: attacked.some((leaf) => !isCursor(leaf.path)),
      };
    };
    const together = leaves.filter((leaf) => leaf.scalar === 'String' || leaf.scalar === 'ID');
    const cases = NASTY.map((value) =>
      build(`every string argument = ${JSON.stringify(value)}`, (at) =>
        together.some((leaf) => leaf.path === at)
          ? isCursor(at)
            ? cursorOf(value)
            : value
          : undefined,
      ),
    );
    for (const leaf of leaves) {
      const values = NASTY.map((value) => ({ value, shown: JSON.stringify(value) }));
      if (isCursor(leaf.path))
        values.push(
          ...values.map((v) => ({ value: cursorOf(v.value), shown: `cursor of ${v.shown}` })),
        );
      for (const { value, shown } of values)
        cases.push(
          build(`${leaf.path} = ${shown}`, (at) => (at === leaf.path ? value : undefined)),
        );
    }
    return cases;
  }

  leafCount(operation: 'query' | 'mutation', name: string): number {
    return this.field(operation, name).args.flatMap((arg) => this.leaves(arg.type, arg.name))
      .length;
  }
}

// ---------------------------------------------------------------------------------------------
// The databases, before and after.

const DATABASES: Record<SubgraphName, (settings: SubgraphSettings) => DataSource> = {
  identity: createIdentityDatabase,
  dwp: createDwpDatabase,
  moj: createMojDatabase,
  vcs: createVcsDatabase,
};

/** Rows in every table but the audit log's own (reads append to it) and the migrations'. */
async function rowCounts(database: DataSource): Promise<Record<string, number>> {
  const postgres = database.options.type === 'postgres';
  const tables = (await database.query(
    postgres
      ? 'SELECT table_name AS name FROM information_schema.tables ' +
          "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  )) as { name: string }[];
  const counts: Record<string, number> = {};
  for (const { name } of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    if (name.startsWith('audit_') || name === 'migrations') continue;
    const [row] = (await database.query(`SELECT COUNT(*) AS n FROM "${name}"`)) as { n: string }[];
    counts[name] = Number(row.n);
  }
  return counts;
}

const PERSON = `query ($id: ID!) {
  person(id: $id) {
    givenName familyName dateOfBirth
    links { recordKind recordId status }
    claimant { nino benefitClaims { status } employmentOutcomes { earningsBand } }
    prisoner { prisonNumber latestCustodyPeriod { releaseDate sentenceBand offenceCategory } }
    probationCase { crn practitionerName riskLevel }
    supportRecords { id engagements { kind } }
  }
}`;

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: unknown; field?: unknown } }[];
}

/** How many records an answer holds: a connection's edges, a list's items, an object is one. */
function found(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'object' && 'edges' in value) return (value.edges as unknown[]).length;
  return 1;
}

/** The body as text, without the attacker's own values (an error may quote what it refused). */
function withoutEcho(body: unknown): string {
  let text = JSON.stringify(body);
  for (const value of [...NASTY, ...NASTY.map(cursorOf)]) {
    text = text.split(JSON.stringify(value).slice(1, -1)).join('<value>');
  }
  return text;
}

const world = buildDemoWorld();
const person = demoPerson(world);
const [charity] = charitiesSharing(world, person);

describe.each(backends())('SQL metacharacters in every string argument (%s)', (backend) => {
  let running: TestHub;
  let builder: CaseBuilder;
  let callers: { name: string; authorization: string; registers?: boolean }[];
  let trust: DocumentTrust | undefined;
  let before: { person: unknown; rows: Record<string, Record<string, number>> };

  const post = async (authorization: string, query: string, variables: Record<string, unknown>) => {
    const response = await request(running.url)
      .post('/graphql')
      .set('authorization', authorization)
      .send({ query, variables });
    return { status: response.status, body: response.body as Body };
  };

  const withDatabases = async <T>(
    read: (database: DataSource, name: SubgraphName) => Promise<T>,
  ): Promise<Record<SubgraphName, T>> => {
    const results = {} as Record<SubgraphName, T>;
    for (const name of SUBGRAPH_NAMES) {
      const database = await openDatabase(DATABASES[name](running.settings(name)));
      try {
        results[name] = await read(database, name);
      } finally {
        await closeDatabase(database);
      }
    }
    return results;
  };

  const snapshot = async () => {
    const steward = await running.authorization(Role.DATA_STEWARD, {
      purposes: [Purpose.SUBJECT_ACCESS],
    });
    const { status, body } = await post(steward, PERSON, { id: person.id });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return { person: body.data?.person, rows: await withDatabases(rowCounts) };
  };

  beforeAll(async () => {
    running = await startTestHub(backend);
    const steward = (purpose: Purpose) =>
      running.authorization(Role.DATA_STEWARD, { purposes: [purpose] });
    callers = [
      { name: 'steward (subject access)', authorization: await steward(Purpose.SUBJECT_ACCESS) },
      { name: 'steward (linkage review)', authorization: await steward(Purpose.LINKAGE_REVIEW) },
      {
        name: 'coordinator',
        authorization: await running.authorization(Role.COORDINATOR, { organisation: charity }),
      },
    ];
    // A reporting tool may send only registered documents: each attack is registered first, as
    // an operator would register a tool's query (with Redis; without it, reporting is skipped).
    trust = await trustDocuments(running);
    if (trust) {
      callers.push({
        name: 'reporting tool',
        authorization: await running.authorization(Role.REPORTING),
        registers: true,
      });
    }
    const introspected = await post(callers[0].authorization, INTROSPECTION, {});
    expect(introspected.body.errors).toBeUndefined();
    builder = new CaseBuilder((introspected.body.data as { __schema: Schema }).__schema);
    before = await snapshot();
  });
  afterAll(async () => {
    await trust?.stop();
    await running?.stop();
  });

  it('attacks every root field with arguments the gateway offers', () => {
    const key = (f: { operation: string; field: string }) => `${f.operation} ${f.field}`;
    expect(builder.rootFields().map(key).sort()).toEqual(ROOT_FIELDS.map(key).sort());
  });

  it.each(ROOT_FIELDS)('$operation $field', async ({ operation, field }) => {
    expect(builder.leafCount(operation, field)).toBeGreaterThan(0);
    const cases = builder.cases(operation, field);
    const root = `${operation === 'query' ? 'Query' : 'Mutation'}.${field}`;
    const failures: string[] = [];
    const unreached = new Set(cases.map((attack) => attack.label));
    const check = async (attack: AttackCase, caller: (typeof callers)[number]) => {
      if (caller.registers) await trust?.trust(attack.query);
      const { status, body } = await post(caller.authorization, attack.query, attack.variables);
      const problems: string[] = [];
      if (status !== 200 && status !== 400) problems.push(`HTTP ${status}`);
      const text = withoutEcho(body);
      const leak = LEAK.exec(text);
      if (leak) problems.push(`shows "${leak[0]}"`);
      for (const error of body.errors ?? []) {
        const code = String(error.extensions?.code);
        if (!ALLOWED_CODES.has(code)) problems.push(`code ${code} ("${error.message}")`);
      }
      const answer = body.data?.[field];
      if (operation === 'mutation' && answer != null) problems.push('the mutation succeeded');
      if (attack.mustFindNothing && found(answer) > 0)
        problems.push(`found ${found(answer)} record(s)`);
      if (problems.length) {
        const what = `${attack.label} as ${caller.name}: HTTP ${status}, ${problems.join('; ')}`;
        failures.push(`${what}: ${text.slice(0, 400)}`);
      }
      // Past the root field's access check: the value went where the resolver put it.
      if (!(body.errors ?? []).some((e) => e.extensions?.field === root))
        unreached.delete(attack.label);
    };
    // Several at a time: the hub answers them in parallel, and each failure names its case.
    const queue = cases.flatMap((attack) => callers.map((caller) => ({ attack, caller })));
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift())
          await check(next.attack, next.caller);
      }),
    );
    expect(failures).toEqual([]);
    // Each case got past the access check as some caller, or it attacked nothing.
    // Only a reporting tool reaches the reporting roots, and only with Redis to register with.
    if (trust || !REPORTING_ROOTS.includes(field)) expect([...unreached]).toEqual([]);
  });

  it('leaves every database as it was, and every audit chain sound', async () => {
    const after = await snapshot();
    const chains = await withDatabases((database) => verifyAuditChain(database));

    expect(after.person).toEqual(before.person);
    expect(after.rows).toEqual(before.rows);
    for (const name of SUBGRAPH_NAMES) {
      expect({ name, ...chains[name] }).toMatchObject({ name, ok: true });
      expect(chains[name].rows).toBeGreaterThan(0);
    }
  });
});
