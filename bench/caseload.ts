// How the benches find a coordinator with a full caseload: the charity with the most people in
// its caseload, asked through the real gateway as its coordinator.

export type Ask = (query: string, variables: Record<string, unknown>) => Promise<AnswerBody>;

interface CaseloadAnswer {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string };
  edges: { node: { person: { id: string } } }[];
}

interface AnswerBody {
  data?: {
    organisations?: { id: string }[];
    myCaseload?: CaseloadAnswer;
    person?: unknown;
  } | null;
  errors?: { message: string }[];
}

export function asker(gatewayUrl: string, authorization: string): Ask {
  return async (query, variables) => {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query, variables }),
    });
    if (response.status !== 200) return { errors: [{ message: `HTTP ${response.status}` }] };
    return (await response.json()) as AnswerBody;
  };
}

/** The charity with the largest caseload, its people, and the cursors of its full pages. */
export async function largestCaseload(askAs: (organisation: string) => Promise<Ask>, anyone: Ask) {
  const { data } = await anyone('{ organisations { id } }', {});
  let best = { organisation: '', total: -1 };
  for (const { id } of data?.organisations ?? []) {
    const answer = await (await askAs(id))('{ myCaseload(first: 1) { totalCount } }', {});
    const total = answer.data?.myCaseload?.totalCount ?? 0;
    if (total > best.total) best = { organisation: id, total };
  }
  const ask = await askAs(best.organisation);
  const people: string[] = [];
  const cursors: (string | null)[] = [];
  let after: string | null = null;
  do {
    const page = (
      await ask(
        `query ($after: String) { myCaseload(first: 100, after: $after) {
           pageInfo { hasNextPage endCursor } edges { node { person { id } } } } }`,
        { after },
      )
    ).data?.myCaseload as CaseloadAnswer;
    if (page.edges.length === 100) cursors.push(after);
    people.push(...page.edges.map((edge) => edge.node.person.id));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return { ...best, ask, people, cursors };
}
