import { scopeUnavailable } from '../../../lib/access/scope';
import { IDENTITY_SERVICE_CALLER, Purpose, type RequestContext } from '../../../lib/auth/roles';
import type { Config } from '../../../lib/config';
import { callSubgraph } from '../../../lib/internal-call';
import type { Logger } from '../../../lib/logger';
import { countCacheLookup } from '../../../lib/operation-metrics';
import { WeightedLru } from '../../../lib/weighted-lru';

/** Most support-record ids kept at once, across charities: a few MB. */
const KEPT_IDS = 200_000;

interface Caseload {
  version: string;
  ids: string[];
}

interface Answer {
  charityCaseload: { version: string | null; ids: string[] | null };
}

const QUERY =
  'query ($organisation: ID!, $since: String) ' +
  '{ charityCaseload(organisation: $organisation, since: $since) { version ids } }';

/**
 * Each charity's caseload as vcs last gave it, with the version vcs named it by. Every
 * coordinator request still asks vcs, so a withdrawal counts from the next request; while the
 * caseload is unchanged vcs answers with no ids, and the ones kept here are used.
 */
export class CharityCaseloadClient {
  private readonly kept = new WeightedLru<Caseload>(KEPT_IDS);

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  /** The support records of people a coordinator's charity supports with their agreement. */
  async of(request: RequestContext): Promise<string[]> {
    const { organisation } = request.caller;
    const held = this.kept.get(organisation);
    let answer: Answer['charityCaseload'];
    try {
      ({ charityCaseload: answer } = await callSubgraph<Answer>(
        this.config,
        'vcs',
        {
          caller: IDENTITY_SERVICE_CALLER,
          purpose: Purpose.RECORD_LINKAGE,
          requestId: request.requestId,
        },
        { query: QUERY, variables: { organisation, since: held?.version ?? null } },
      ));
      return this.taken(organisation, held, answer);
    } catch (error) {
      const reason = (error as Error).message;
      this.logger.warn({ reason }, "could not ask vcs for a charity's caseload");
      throw scopeUnavailable();
    }
  }

  private taken(
    organisation: string,
    held: Caseload | undefined,
    answer: Answer['charityCaseload'],
  ): string[] {
    const { version, ids } = answer;
    if (held) countCacheLookup('charity_caseload', ids === null);
    if (ids === null) {
      // Unchanged since the version asked about: that is `held`, whatever is kept by now.
      if (!held || version !== held.version) throw new Error('vcs named no caseload of ours');
      this.kept.set(organisation, held, held.ids.length);
      return held.ids;
    }
    if (version !== null) this.kept.set(organisation, { version, ids }, ids.length);
    return ids;
  }
}
