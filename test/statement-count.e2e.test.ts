import { Role } from '../lib/auth/roles';
import { SUBGRAPH_NAMES, type SubgraphName } from '../lib/subgraphs';
import { CASELOAD_PAGE } from '../bench/person-view-queries';
import { type TestHub, backends, startTestHub } from './support/hub';

// No N+1: a coordinator's caseload page of 100 people, each with the full joined view, costs each
// subgraph at most 3 data statements, counted by the subgraphs' own statement counters (every
// statement TypeORM sends, read from /metrics), and a bounded number of calls whatever the size.

interface Body {
  data?: { myCaseload: { totalCount: number; edges: unknown[] } } | null;
  errors?: { message: string; path?: unknown[] }[];
}

type Counts = Record<SubgraphName, { data: number; audit: number; calls: number }>;

async function counts(running: TestHub): Promise<Counts> {
  const entries = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const url = `http://127.0.0.1:${running.hub.port(name)}/metrics`;
      const text = await (await fetch(url)).text();
      const value = (pattern: RegExp) =>
        [...text.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
      return [
        name,
        {
          data: value(/^hub_sql_statements_total\{[^}]*work="data"[^}]*\} (\d+)/gm),
          audit: value(/^hub_sql_statements_total\{[^}]*work="audit"[^}]*\} (\d+)/gm),
          calls: value(/^hub_graphql_calls_total\{[^}]*\} (\d+)/gm),
        },
      ] as const;
    }),
  );
  return Object.fromEntries(entries) as Counts;
}

/**
 * The counts once no subgraph's audit work has moved for longer than the key index trails an
 * append, so a window between two of them holds whole appends and whole indexing.
 */
async function settled(running: TestHub): Promise<Counts> {
  let last = await counts(running);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 600));
    const now = await counts(running);
    if (SUBGRAPH_NAMES.every((name) => now[name].audit === last[name].audit)) return now;
    last = now;
  }
}

const difference = (after: Counts, before: Counts) =>
  Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      name,
      {
        data: after[name].data - before[name].data,
        audit: after[name].audit - before[name].audit,
        calls: after[name].calls - before[name].calls,
      },
    ]),
  ) as Counts;

describe.each(backends())('a 100-person caseload page (%s)', (backend) => {
  let running: TestHub;
  let organisation = '';

  beforeAll(async () => {
    // No background linking while statements are counted: identity links once, at start.
    running = await startTestHub(backend, { LINK_SYNC_INTERVAL_MS: '3600000' }, [
      '--people',
      '4000',
    ]);
    const organisations = (
      (await running.ask('{ organisations { id } }', {}, Role.COORDINATOR)).body as {
        data: { organisations: { id: string }[] };
      }
    ).data.organisations;
    let largest = -1;
    for (const { id } of organisations) {
      const { body } = await running.ask(
        '{ myCaseload(first: 1) { totalCount } }',
        {},
        Role.COORDINATOR,
        { organisation: id },
      );
      const total = (body as Body).data?.myCaseload.totalCount ?? 0;
      if (total > largest) [largest, organisation] = [total, id];
    }
    expect(largest).toBeGreaterThanOrEqual(100);
  }, 600_000);
  afterAll(() => running?.stop());

  async function page(first: number): Promise<{ body: Body; cost: Counts }> {
    const before = await settled(running);
    const { body } = await running.ask(CASELOAD_PAGE, { first }, Role.COORDINATOR, {
      organisation,
    });
    return { body: body as Body, cost: difference(await settled(running), before) };
  }

  it('costs each subgraph at most 3 data statements, and one audit append per call', async () => {
    await page(100); // plans and prepared statements are made once
    const { body, cost } = await page(100);
    expect(body.errors).toBeUndefined();
    expect(body.data?.myCaseload.edges).toHaveLength(100);
    const over = SUBGRAPH_NAMES.filter((name) => cost[name].data > 3);
    expect(over.map((name) => [name, cost[name]])).toEqual([]);
    // One audit append per call at most (lock, read the head, write the rows, move the head),
    // and at most one turn of the key index following it (lock, read its head and the rows,
    // write their keys, 500 to a statement: a page's records need two or three, move its head).
    for (const name of SUBGRAPH_NAMES)
      expect(cost[name].audit).toBeLessThanOrEqual((4 + 8) * cost[name].calls);
  });

  it('calls each subgraph as often for 100 people as for 10', async () => {
    await page(10);
    const small = (await page(10)).cost;
    const large = (await page(100)).cost;
    const calls = (cost: Counts) => SUBGRAPH_NAMES.map((name) => [name, cost[name].calls]);
    expect(calls(large)).toEqual(calls(small));
  });
});
