import { randomUUID } from 'node:crypto';
import { IDENTITY_SERVICE_CALLER, Purpose } from '../../../lib/auth/roles';
import type { Config } from '../../../lib/config';
import { callSubgraph } from '../../../lib/internal-call';
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
  config: Config,
  feed: (typeof FEEDS)[number],
  after: string | null,
  first: number,
): Promise<FeedPage> {
  const query = `query ($after: String, $first: Int) {
    ${feed.field}(after: $after, first: $first) { records { ${RECORD_FIELDS} } endCursor hasNextPage }
  }`;
  const context = {
    caller: IDENTITY_SERVICE_CALLER,
    purpose: Purpose.RECORD_LINKAGE,
    requestId: randomUUID(),
  };
  let data: Record<string, Omit<FeedPage, 'records'> & { records: Omit<FedRecord, 'source'>[] }>;
  try {
    data = await callSubgraph(config, feed.subgraph, context, {
      query,
      variables: { after, first },
      timeoutMs: 30_000,
    });
  } catch (error) {
    throw new FeedUnavailableError(`${feed.field}: ${(error as Error).message}`);
  }
  const page = data[feed.field];
  return { ...page, records: page.records.map((record) => ({ ...record, source: feed.source })) };
}
