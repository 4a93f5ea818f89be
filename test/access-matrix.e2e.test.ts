import request from 'supertest';
import { isGranted } from '../lib/access/policy';
import { Purpose, Role } from '../lib/auth/roles';
import { type DemoPerson, buildDemoWorld, demoPerson } from '../seed/demo';
import { type TestHub, redisUrl, startTestHub } from './support/hub';
import {
  CALLERS,
  type MatrixCaller,
  type MatrixCell,
  OTHER_ORGANISATION,
  type Outcome,
  POLICIES,
  PersonChooser,
  type Placement,
  type Row,
  chainOf,
  fieldExists,
  flatten,
  leaves,
  matrixCells,
  organisationFor,
  outcomeOf,
  pathOf,
  readmeTable,
  recordKeysOf,
  rootIsNonNull,
  requestOf,
  selectionOf,
  valuesAt,
} from './support/matrix-queries';
import { type DocumentTrust, trustDocuments } from './support/trusted-documents';

// A test per cell of the role × data matrix (the README's access table), through the real
// gateway with real tokens: for every field each subgraph's policy names, and each of the
// table's five callers, what the caller is shown, worked out from the policy. A field added to a
// policy gets its tests here without more code; a type added needs a route in matrix-queries.ts.
//
// The hub is started once. Each caller's cells of one type are read in one request, each cell
// under its own alias (so a refusal, or a null that spreads up from a non-null field, stays in
// its cell); each test asserts on its cell of that answer.

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}
interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: GraphQLError[];
}

const world = buildDemoWorld();
const chooser = new PersonChooser(world);
const cells = matrixCells();
const readme = readmeTable();

/** Aliases per request: under the gateway's limit on aliases (a non-null root's cell: one). */
const ALIASES_PER_REQUEST = 12;
const CONCURRENT_REQUESTS = 6;
const SUBJECT_ACCESS = CALLERS.findIndex((c) => c.purpose === Purpose.SUBJECT_ACCESS);

/** Callers in the order a denied cell's real value is looked for: who sees most first. */
const REFERENCE_ORDER = [...CALLERS.keys()].sort(
  (a, b) => Number(b === SUBJECT_ACCESS) - Number(a === SUBJECT_ACCESS) || b - a,
);

/**
 * The gateway runs only registered documents for reporting tools, so their cells register each
 * request's document in the hub's Redis first, as an operator would; without Redis, they are not
 * asked.
 */
const asked = (caller: MatrixCaller) => Boolean(redisUrl) || caller.role !== Role.REPORTING;
if (!redisUrl) console.warn('Skipping the Reporting column: no TEST_REDIS_URL to register in.');

const describeOutcome = (outcome: Outcome, field: string) => {
  if (outcome.allowed) return 'allowed';
  if (outcome.hidden) return `denied (${outcome.at} comes back null)`;
  return outcome.at === field ? 'denied' : `denied (refused at ${outcome.at})`;
};

/** The test's name says what the policy gives: worked out on the demo person's route. */
function titleOf(cell: MatrixCell, caller: MatrixCaller): string {
  const name = `${cell.subgraph} ${cell.type}.${cell.field} — ${caller.title}`;
  if (!cell.route) return `${name}: (no route to ${cell.type})`;
  const request = requestOf(caller, OTHER_ORGANISATION);
  const { chain } = chainOf(cell, demoPerson(world), request);
  return `${name}: ${describeOutcome(outcomeOf(chain, request), `${cell.type}.${cell.field}`)}`;
}

async function pool<T>(tasks: (() => Promise<T>)[], size: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, worker));
  return results;
}

const sortedJson = (values: unknown[]) => values.map((v) => JSON.stringify(v ?? null)).sort();
const hasValue = (value: unknown) =>
  value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

describe('the role × data matrix, through the gateway with real tokens', () => {
  let running: TestHub;
  const placements = new Map<string, Placement | string>();
  /** Each caller's answer for each cell: the body of the request that read it. */
  const answers = new Map<string, GraphQLBody>();
  const tokens = new Map<string, Promise<string>>();
  let identityRows: Record<string, string> = {};
  let documents: DocumentTrust | undefined;

  const tokenFor = (caller: MatrixCaller, organisation: string) => {
    const key = `${caller.title}|${organisation}`;
    if (!tokens.has(key))
      tokens.set(
        key,
        running.authorization(caller.role, { organisation, purposes: [caller.purpose] }),
      );
    return tokens.get(key) as Promise<string>;
  };

  const ask = async (caller: MatrixCaller, organisation: string, query: string) => {
    if (caller.role === Role.REPORTING) await documents?.trust(query);
    const response = await request(running.url)
      .post('/graphql')
      .set('authorization', await tokenFor(caller, organisation))
      .send({ query });
    const body = response.body as GraphQLBody;
    if (response.status !== 200 || body.data === undefined)
      throw new Error(`HTTP ${response.status} for ${query}: ${JSON.stringify(body)}`);
    return body;
  };

  /**
   * What the identity cells read that the seed does not make: a decided link review (one pending
   * review rejected) and a restriction in force, both on people no other cell reads.
   */
  async function setUpIdentityRows(): Promise<Record<string, string>> {
    const steward = CALLERS.find((c) => c.purpose === Purpose.LINKAGE_REVIEW) as MatrixCaller;
    const owner = new Map(world.people.flatMap((p) => recordKeysOf(p).map((k) => [k, p.id])));
    const used = new Set(
      [...placements.values()].flatMap((p) => (typeof p === 'object' ? [p.person.id] : [])),
    );
    const { data } = await ask(
      steward,
      OTHER_ORGANISATION,
      '{ linkReviews(first: 100) { edges { node { id recordA recordB } } } }',
    );
    const reviews = (
      data as { linkReviews: { edges: { node: Record<string, string> }[] } }
    ).linkReviews.edges.map((e) => e.node);
    const review = reviews.find(
      ({ recordA, recordB }) =>
        owner.get(recordA) !== owner.get(recordB) &&
        ![recordA, recordB].some((key) => used.has(owner.get(key) as string)),
    );
    for (const key of review ? [review.recordA, review.recordB] : [])
      used.add(owner.get(key) ?? '');
    const restricted = world.people.find((p) => !used.has(p.id)) as DemoPerson;
    const [decided, restriction] = await Promise.all([
      review
        ? ask(
            steward,
            OTHER_ORGANISATION,
            `mutation { rejectLinkReview(id: ${JSON.stringify(review.id)}, note: "access matrix") { status } }`,
          )
        : 'no pending review of records apart from the cells’ people',
      ask(
        steward,
        OTHER_ORGANISATION,
        `mutation { restrictAccess(recordKey: ${JSON.stringify(recordKeysOf(restricted)[0])},
          reason: "access matrix", allowedSubjects: ["access-matrix-nobody"]) { recordKey } }`,
      ),
    ]);
    return { review: JSON.stringify(decided), restriction: JSON.stringify(restriction) };
  }

  /** Every caller's request for each type (a coordinator's per charity), in groups of aliases. */
  async function readAll(): Promise<void> {
    const batches = new Map<
      string,
      { caller: number; organisation: string; cells: MatrixCell[]; selections: string[] }
    >();
    for (const cell of cells) {
      const placement = placements.get(cell.alias);
      if (typeof placement !== 'object' || !fieldExists(cell.type, cell.field)) continue;
      CALLERS.forEach((caller, index) => {
        if (!asked(caller)) return;
        const organisation = organisationFor(caller, placement.organisation);
        const alone = rootIsNonNull(cell, placement.person) ? cell.alias : '';
        const key = `${index}|${organisation}|${cell.subgraph}.${cell.type}|${alone}`;
        const batch = batches.get(key) ?? {
          caller: index,
          organisation,
          cells: [],
          selections: [],
        };
        batch.cells.push(cell);
        batch.selections.push(selectionOf(cell, placement.person, requestOf(caller, organisation)));
        batches.set(key, batch);
      });
    }
    const tasks = [...batches.values()].flatMap((batch) => {
      const chunks: (() => Promise<void>)[] = [];
      for (let i = 0; i < batch.cells.length; i += ALIASES_PER_REQUEST) {
        const chunk = batch.cells.slice(i, i + ALIASES_PER_REQUEST);
        const query = `{\n  ${batch.selections.slice(i, i + ALIASES_PER_REQUEST).join('\n  ')}\n}`;
        chunks.push(async () => {
          const body = await ask(CALLERS[batch.caller], batch.organisation, query);
          for (const cell of chunk) answers.set(`${batch.caller}|${cell.alias}`, body);
        });
      }
      return chunks.map((run) => ({ caller: batch.caller, run }));
    });
    // Subject access last, so the access logs it reads hold the other callers' reads.
    await pool(
      tasks.filter((t) => t.caller !== SUBJECT_ACCESS).map((t) => t.run),
      CONCURRENT_REQUESTS,
    );
    await pool(
      tasks.filter((t) => t.caller === SUBJECT_ACCESS).map((t) => t.run),
      CONCURRENT_REQUESTS,
    );
  }

  beforeAll(async () => {
    const starting = startTestHub('embedded');
    try {
      for (const cell of cells) placements.set(cell.alias, await chooser.choose(cell));
    } finally {
      running = await starting;
    }
    documents = await trustDocuments(running);
    identityRows = await setUpIdentityRows();
    await readAll();
  });
  afterAll(async () => {
    await documents?.stop();
    await running?.stop();
  });

  it('has the README table’s columns as its callers', () => {
    expect(readme.columns).toEqual(CALLERS.map((c) => c.title));
  });

  /** The strings a denied caller must not be shown: the seed's, or what an allowed caller saw. */
  function realValues(cell: MatrixCell, placement: Placement): string[] {
    const seed = placement.rows?.length && cell.field in placement.rows[0];
    const values = seed ? (placement.rows as Row[]).map((row) => row[cell.field]) : [];
    for (const index of REFERENCE_ORDER) {
      const caller = CALLERS[index];
      const request = requestOf(caller, organisationFor(caller, placement.organisation));
      if (!outcomeOf(chainOf(cell, placement.person, request).chain, request).allowed) continue;
      const seen = answers.get(`${index}|${cell.alias}`)?.data?.[cell.alias] ?? null;
      values.push(...valuesAt(seen, pathOf(cell, placement.person)).flatMap(leaves));
      break;
    }
    return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 2))];
  }

  const byType = new Map<string, MatrixCell[]>();
  for (const cell of cells) {
    const key = `${cell.subgraph} ${cell.type}`;
    byType.set(key, [...(byType.get(key) ?? []), cell]);
  }

  describe.each([...byType.entries()])('%s', (_, typeCells) => {
    const table = typeCells.flatMap((cell) =>
      CALLERS.flatMap((caller, index) =>
        asked(caller) ? [{ cell, index, title: titleOf(cell, caller) }] : [],
      ),
    );

    it.each(table)('$title', ({ cell, index }) => {
      const caller = CALLERS[index];
      const placement = placements.get(cell.alias);
      if (typeof placement !== 'object') throw new Error(placement ?? 'no person chosen');
      expect(fieldExists(cell.type, cell.field)).toBe(true);
      const organisation = organisationFor(caller, placement.organisation);
      const request = requestOf(caller, organisation);
      const expected = outcomeOf(chainOf(cell, placement.person, request).chain, request);
      const grants = POLICIES[cell.subgraph].types[cell.type].fields[cell.field];
      // The README's tick is this caller's grant.
      expect(readme.tick(cell, index)).toBe(isGranted(request, grants));

      const body = answers.get(`${index}|${cell.alias}`) as GraphQLBody;
      expect(body).toBeDefined();
      const errors = (body.errors ?? []).filter((e) => e.path?.[0] === cell.alias);
      const root = body.data?.[cell.alias] ?? null;
      const values = valuesAt(root, pathOf(cell, placement.person));
      const seen = { person: placement.person.id, values, errors };

      if (expected.allowed) {
        expect({ ...seen, errors: errors.map((e) => e.message) }).toMatchObject({ errors: [] });
        if (cell.route?.unheld?.includes(cell.field)) {
          // Nothing reachable holds it: the rows arrive, and it is not refused on them.
          expect(values.length).toBeGreaterThan(0);
          return;
        }
        expect({ ...seen, shown: values.some(hasValue) }).toMatchObject({ shown: true });
        const rows = placement.rows;
        if (rows?.length && cell.field in rows[0]) {
          // Exactly the seed's values, one per row the route reaches.
          expect(sortedJson(values)).toEqual(sortedJson(rows.map((row) => row[cell.field])));
        }
        return;
      }

      // Nothing of it arrives: every scalar under the alias is null.
      expect(leaves(root).filter((v) => v !== null)).toEqual([]);
      if (expected.hidden) {
        expect(errors.filter((e) => e.extensions?.code === 'FORBIDDEN')).toEqual([]);
      } else {
        // Refused where the policy refuses it, and nothing else.
        expect(errors.length).toBeGreaterThan(0);
        expect([
          ...new Set(errors.map((e) => `${e.extensions?.code} ${e.extensions?.field}`)),
        ]).toEqual([`FORBIDDEN ${expected.at}`]);
      }
      // The real value appears nowhere in the answer (but where another cell shows it).
      const elsewhere = new Set(
        Object.entries(body.data ?? {})
          .filter(([alias]) => alias !== cell.alias)
          .flatMap(([, value]) => leaves(value)),
      );
      const text = JSON.stringify(body);
      const messages = errors.map((e) => e.message).join('\n');
      const leaked = realValues(cell, placement).filter(
        (v) => (!elsewhere.has(v) && text.includes(JSON.stringify(v))) || messages.includes(v),
      );
      expect(leaked).toEqual([]);
    });
  });

  it('set up a decided link review and a restriction in force for the identity cells', () => {
    expect(identityRows.review).toMatch(/"status":"REJECTED"/);
    expect(identityRows.restriction).toMatch(/"recordKey":"\w+:/);
  });

  // A field with a row condition is shown only on the rows the condition lets through.
  describe('row conditions', () => {
    const conditioned = cells.flatMap((cell) =>
      cell.conditioned && cell.route && !cell.route.unheld?.includes(cell.field)
        ? CALLERS.flatMap((caller, index) => {
            const request = requestOf(caller, OTHER_ORGANISATION);
            const { chain } = chainOf(cell, demoPerson(world), request);
            return outcomeOf(chain, request).allowed
              ? [
                  {
                    cell,
                    index,
                    title: `${cell.subgraph} ${cell.type}.${cell.field} — ${caller.title}: each row shown or refused as the row condition says`,
                  },
                ]
              : [];
          })
        : [],
    );

    it.each(conditioned)('$title', async ({ cell, index }) => {
      const caller = CALLERS[index];
      const found = await chooser.chooseRefused(cell, caller);
      const placement = found ?? placements.get(cell.alias);
      if (typeof placement !== 'object' || !placement.rows) throw new Error(String(placement));
      const refusals = found?.refusals ?? placement.rows.map(() => null as string | null);
      const organisation = organisationFor(caller, placement.organisation);
      const req = requestOf(caller, organisation);
      const query = `{ ${selectionOf(cell, placement.person, req, `id ${cell.field}`)} }`;
      const body = await ask(caller, organisation, query);
      const objects = valuesAt(
        body.data?.[cell.alias] ?? null,
        pathOf(cell, placement.person).slice(0, -1),
      ).flatMap(flatten) as Record<string, unknown>[];
      const byId = new Map(objects.map((o) => [o.id, o[cell.field]]));
      const refused = (body.errors ?? []).filter(
        (e) =>
          e.extensions?.code === 'FORBIDDEN' && e.extensions.field === `${cell.type}.${cell.field}`,
      );

      expect(objects).toHaveLength(placement.rows.length);
      placement.rows.forEach((row, i) => {
        const expected = refusals[i] ? null : row[cell.field];
        expect({ id: row.id, value: byId.get(row.id) }).toEqual({ id: row.id, value: expected });
      });
      expect(refused.map((e) => e.message).sort()).toEqual(
        refusals
          .filter((r): r is string => r !== null)
          .map((r) => `You may not see ${cell.type}.${cell.field}: ${r}`)
          .sort(),
      );
    });

    it("never shows a coordinator another charity's case notes", async () => {
      const person = demoPerson(world);
      const own = chooser.charities(person);
      const other = (world.rows.vcs.Organisation as { id: string }[])
        .map((o) => o.id)
        .find((id) => !own.includes(id)) as string;
      const coordinator = CALLERS.find((c) => c.role === Role.COORDINATOR) as MatrixCaller;
      const records = person.records.map((r) => r.recordId);
      const notes = (world.rows.vcs.Engagement as { supportRecordId: string; notes: string }[])
        .filter((e) => records.includes(e.supportRecordId) && e.notes)
        .map((e) => e.notes);

      const body = await ask(
        coordinator,
        other,
        `{ person(id: ${JSON.stringify(person.id)}) { supportRecords { engagements { notes } } } }`,
      );

      expect(notes.length).toBeGreaterThan(0);
      expect(
        valuesAt(body.data?.person ?? null, ['supportRecords', 'engagements', 'notes']),
      ).toEqual(expect.not.arrayContaining([expect.any(String)]));
      expect(notes.filter((n) => JSON.stringify(body).includes(n))).toEqual([]);
    });
  });
});
