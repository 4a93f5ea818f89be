import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../lib/paths';
import { WORLD_DEFAULTS } from '../../seed/world';
import { CASELOAD_PAGE, SINGLE_PERSON } from '../person-view-queries';

// The three questions every gateway is asked, each body built the same for all three, and what
// a good answer to each looks like.

/** Reporting's comparison is counted live by identity from every controller (no snapshot), so
 * the open subgraphs, which have no reporting snapshot, do the same work as the hub's. */
export const SERVICE_COMPARISON = readFileSync(
  path.join(ROOT_DIR, 'gateway', 'trusted-documents', 'ServiceComparison.graphql'),
  'utf8',
);

export type QueryName = 'person' | 'page' | 'report';

export const QUERY_LABELS: Record<QueryName, string> = {
  person: 'one person, joined view',
  page: '100-person caseload page',
  report: 'service comparison report',
};

/** Who the questions are about: a charity's caseload and the cursors of its full pages. */
export interface Caseload {
  people: string[];
  cursors: (string | null)[];
}

interface Answer {
  data?: {
    person?: { id?: string; readiness?: { items?: unknown[] } } | null;
    myCaseload?: { edges?: { node?: { person?: { id?: string } } }[] };
    serviceComparison?: { service?: string; rows?: unknown[] };
  } | null;
  errors?: unknown;
}

/**
 * The seed's last whole month, as YYYY-MM: a year's comparison, counted live, takes seconds a
 * request. Not the calendar's: the seed's world ends at its as-of date, and a month after it has
 * no releases to count.
 */
function lastMonth() {
  const asOf = new Date(`${WORLD_DEFAULTS.asOf}T00:00:00Z`);
  const month = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 1, 1));
  return month.toISOString().slice(0, 7);
}

const REPORT_VARIABLES = {
  filter: { releasedFrom: lastMonth(), releasedTo: lastMonth() },
  service: 'IPS_EMPLOYMENT_SUPPORT',
  groupBy: ['REGION'],
};

/** The body of the `index`th request of a kind: the people and pages are taken in turn. */
export function requestBody(query: QueryName, index: number, caseload: Caseload): string {
  switch (query) {
    case 'person': {
      const id = caseload.people[index % caseload.people.length];
      return JSON.stringify({ query: SINGLE_PERSON, variables: { id } });
    }
    case 'page': {
      const after = caseload.cursors[index % caseload.cursors.length];
      return JSON.stringify({ query: CASELOAD_PAGE, variables: { first: 100, after } });
    }
    case 'report':
      return JSON.stringify({ query: SERVICE_COMPARISON, variables: REPORT_VARIABLES });
  }
}

/**
 * Whether an answer is a good one: HTTP 200, no errors, and the shape asked for (the person
 * asked about, a full page, a comparison with as many rows as the first answer had).
 */
export function goodAnswer(
  query: QueryName,
  index: number,
  caseload: Caseload,
  status: number,
  text: string,
  reportRows: number,
): boolean {
  if (status !== 200) return false;
  let answer: Answer;
  try {
    answer = JSON.parse(text) as Answer;
  } catch {
    return false;
  }
  if (answer.errors !== undefined || !answer.data) return false;
  switch (query) {
    case 'person':
      return (
        answer.data.person?.id === caseload.people[index % caseload.people.length] &&
        Array.isArray(answer.data.person.readiness?.items)
      );
    case 'page': {
      const edges = answer.data.myCaseload?.edges ?? [];
      return edges.length === 100 && edges.every((edge) => edge.node?.person?.id);
    }
    case 'report':
      return (
        answer.data.serviceComparison?.service === REPORT_VARIABLES.service &&
        answer.data.serviceComparison.rows?.length === reportRows
      );
  }
}
