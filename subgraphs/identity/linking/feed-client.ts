import { randomUUID } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../../lib/auth/internal-token';
import { type Caller, Purpose, Role } from '../../../lib/auth/roles';
import type { Config } from '../../../lib/config';
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

/** Who the identity service is when it pulls a feed: a service, for no user. */
const LINKING_SERVICE: Caller = {
  subject: 'identity-service',
  role: Role.DATA_STEWARD,
  organisation: 'employment-support-hub',
  purposes: [Purpose.RECORD_LINKAGE],
};

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
  const request = JSON.stringify({ query, variables: { after, first } });
  const token = await signInternalToken(config, {
    audience: feed.subgraph,
    context: { caller: LINKING_SERVICE, purpose: Purpose.RECORD_LINKAGE, requestId: randomUUID() },
    body: request,
  });
  let response: Response;
  try {
    response = await fetch(config.subgraphs[feed.subgraph].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: token },
      body: request,
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
