import type { SubgraphName } from '../../../lib/subgraphs';
import type { RecordSource, SourceRecord } from './source-record';

/** Each source's feed: which subgraph serves it, under which root field. */
export const FEEDS: readonly { source: RecordSource; subgraph: SubgraphName; field: string }[] = [
  { source: 'dwp', subgraph: 'dwp', field: 'claimantIdentityFeed' },
  { source: 'prison', subgraph: 'moj', field: 'prisonerIdentityFeed' },
  { source: 'probation', subgraph: 'moj', field: 'probationCaseIdentityFeed' },
  { source: 'vcs', subgraph: 'vcs', field: 'supportRecordIdentityFeed' },
];

export type FedRecord = SourceRecord & { updatedAt: string };

export interface FeedPage {
  records: FedRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export class FeedUnavailableError extends Error {}

const RECORD_FIELDS = `sourceId givenName familyName dateOfBirth postcode nino prisonNumber
  pncNumber crn updatedAt otherNames { givenName familyName dateOfBirth }`;

/** One page of a source's feed, straight from its subgraph: never through the gateway. */
export async function pullFeedPage(
  url: string,
  feed: (typeof FEEDS)[number],
  after: string | null,
  first: number,
): Promise<FeedPage> {
  const query = `query ($after: String, $first: Int) {
    ${feed.field}(after: $after, first: $first) { records { ${RECORD_FIELDS} } endCursor hasNextPage }
  }`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { after, first } }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new FeedUnavailableError(`${feed.subgraph} did not answer: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: Record<string, Omit<FeedPage, 'records'> & { records: Omit<FedRecord, 'source'>[] }>;
    errors?: { message: string }[];
  };
  const page = body.data?.[feed.field];
  if (!response.ok || !page) {
    const reason = body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;
    throw new FeedUnavailableError(`${feed.subgraph} feed ${feed.field} failed: ${reason}`);
  }
  return { ...page, records: page.records.map((record) => ({ ...record, source: feed.source })) };
}
