import DataLoader from 'dataloader';
import type { RequestContext } from '../../../lib/auth/roles';
import type { Config } from '../../../lib/config';
import { MAX_FACT_KEYS, type ReadinessFact, type TimelineFact } from '../../../lib/person-facts';
import type { SubgraphName } from '../../../lib/subgraphs';
import { type UserScopes, controllerCalls } from './controller-calls';

/** The controller that holds a fact, as the hub's users know it. */
export enum Controller {
  DWP = 'DWP',
  MOJ = 'MOJ',
  VCS = 'VCS',
}

/** A prisoner's latest custody period, as moj's `custodyReleases` gives it. */
export interface CustodyRelease {
  prisonNumber: string;
  receptionDate: string;
  releaseDate: string | null;
  expectedReleaseDate: string | null;
  releaseType: string | null;
  establishmentCode: string;
  establishmentName: string;
}

/** An open referral to one charity, as vcs's `caseloadReferrals` gives it. */
export interface CaseloadReferral {
  supportRecordId: string;
  referralId: string;
  serviceKind: string;
  serviceName: string;
  status: string;
  referredOn: string;
}

const READINESS = 'recordId item status detail recordedBy recordedAt';
const TIMELINE = 'id recordId kind date summary';

/** One batched question to a controller: a root field taking a list of record keys. */
interface Question {
  subgraph: SubgraphName;
  field: string;
  argument: string;
  type: string;
  selection: string;
}

const question = (
  subgraph: SubgraphName,
  field: string,
  argument: string,
  selection: string,
  type = '[String!]!',
): Question => ({ subgraph, field, argument, type, selection });

const QUESTIONS = {
  claimantReadiness: question('dwp', 'claimantReadiness', 'ninos', READINESS),
  prisonReadiness: question('moj', 'prisonReadiness', 'prisonNumbers', READINESS),
  probationReadiness: question('moj', 'probationReadiness', 'crns', READINESS),
  supportReadiness: question('vcs', 'supportReadiness', 'ids', READINESS, '[ID!]!'),
  claimantTimeline: question('dwp', 'claimantTimeline', 'ninos', TIMELINE),
  prisonTimeline: question('moj', 'prisonTimeline', 'prisonNumbers', TIMELINE),
  supportTimeline: question('vcs', 'supportTimeline', 'ids', TIMELINE, '[ID!]!'),
  custodyReleases: question(
    'moj',
    'custodyReleases',
    'prisonNumbers',
    'prisonNumber receptionDate releaseDate expectedReleaseDate releaseType establishmentCode ' +
      'establishmentName',
  ),
} as const;

/**
 * What identity asks the controllers about the people one request reaches: per kind of fact,
 * every key the request needs (in slices of MAX_FACT_KEYS), as the identity service, which alone
 * may ask; a controller's questions of one turn share a call (controller-calls.ts). Identity has
 * already applied the user's scope.
 */
export function createControllerFacts(
  config: Config | undefined,
  request: RequestContext,
  scopes?: UserScopes,
) {
  const askController = controllerCalls(config, request, scopes);
  const ask = (q: Question) =>
    new DataLoader<string, unknown[]>(
      async (keys) => {
        const rows = await askController<Record<string, unknown>[]>(q.subgraph, {
          ...q,
          value: keys,
        });
        const byKey = new Map<string, unknown[]>(keys.map((key) => [key, []]));
        for (const row of rows) {
          byKey.get(String(row.recordId ?? row.prisonNumber))?.push(row);
        }
        return keys.map((key) => byKey.get(key) ?? []);
      },
      { maxBatchSize: MAX_FACT_KEYS },
    );
  const loaders = Object.fromEntries(
    Object.entries(QUESTIONS).map(([name, q]) => [name, ask(q)]),
  ) as Record<keyof typeof QUESTIONS, DataLoader<string, unknown[]>>;
  return {
    readiness: {
      dwp: loaders.claimantReadiness as DataLoader<string, ReadinessFact[]>,
      moj: loaders.prisonReadiness as DataLoader<string, ReadinessFact[]>,
      probation: loaders.probationReadiness as DataLoader<string, ReadinessFact[]>,
      vcs: loaders.supportReadiness as DataLoader<string, ReadinessFact[]>,
    },
    timeline: {
      dwp: loaders.claimantTimeline as DataLoader<string, TimelineFact[]>,
      moj: loaders.prisonTimeline as DataLoader<string, TimelineFact[]>,
      vcs: loaders.supportTimeline as DataLoader<string, TimelineFact[]>,
    },
    custodyRelease: loaders.custodyReleases as DataLoader<string, CustodyRelease[]>,
    caseloadReferrals: (organisation: string) =>
      askController<CaseloadReferral[]>('vcs', {
        field: 'caseloadReferrals',
        argument: 'organisation',
        type: 'ID!',
        selection: 'supportRecordId referralId serviceKind serviceName status referredOn',
        value: organisation,
      }),
  };
}

export type ControllerFacts = ReturnType<typeof createControllerFacts>;
