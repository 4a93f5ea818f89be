import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { IDENTITY_SERVICE_CALLER, Purpose } from '../../../lib/auth/roles';
import { selectColumns } from '../../../lib/bulk-sql';
import type { Config } from '../../../lib/config';
import { callSubgraph } from '../../../lib/internal-call';
import type { Logger } from '../../../lib/logger';
import { MAX_REPORTING_KEYS } from '../../../lib/reporting/reporting-keys.resolver';
import type { SubgraphName } from '../../../lib/subgraphs';
import { readState, writeState } from '../linking/linkage-store';
import { LinkedRecordKind, PersonLink } from '../person/person-link.entity';

const CONTROLLER: Record<LinkedRecordKind, SubgraphName> = {
  [LinkedRecordKind.DWP_CLAIMANT]: 'dwp',
  [LinkedRecordKind.MOJ_PRISONER]: 'moj',
  [LinkedRecordKind.MOJ_PROBATION_CASE]: 'moj',
  [LinkedRecordKind.VCS_SUPPORT_RECORD]: 'vcs',
};

interface LinkedRecord {
  personId: string;
  recordKind: LinkedRecordKind;
  recordId: string;
}

interface PublishedState {
  generation: number;
  /** Links changed that the controllers may not have yet: publish everything on start. */
  pending: boolean;
}

const STATE = 'reportingKeys';
const SECRET = 'reportingKeySecret';

/**
 * Gives each controller the pseudonymous person key of each of its records, so reporting can
 * count across controllers without a person's identity leaving identity: the key is an HMAC of
 * the person id under a secret only identity's database holds. Everything after a full link run
 * or a steward's decision (a new generation, then older keys pruned); after linking one record,
 * just that record. A failed publication is retried on the next sync.
 */
export class ReportingKeyPublisher {
  private everything = false;
  private records = new Map<string, LinkedRecord>();
  private secret: Buffer | null = null;

  constructor(
    private readonly database: DataSource,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  /** On start: everything, unless the last publication finished with nothing left over. */
  async resume(): Promise<void> {
    const state = await readState<PublishedState>(this.database, STATE);
    if (!state || state.pending) this.markAll();
  }

  markAll(): void {
    this.everything = true;
    this.records.clear();
  }

  markRecord(record: LinkedRecord): void {
    if (!this.everything) this.records.set(`${record.recordKind}:${record.recordId}`, record);
  }

  get upToDate(): boolean {
    return !this.everything && this.records.size === 0;
  }

  async publish(): Promise<void> {
    if (this.upToDate) return;
    await this.saveState({ pending: true });
    try {
      if (this.everything) await this.publishEverything();
      else await this.publishRecords();
      await this.saveState({ pending: false });
    } catch (error) {
      this.logger.warn(
        { reason: (error as Error).message },
        'reporting keys not published; will retry',
      );
    }
  }

  private async publishEverything(): Promise<void> {
    const started = Date.now();
    const generation = ((await this.state())?.generation ?? 0) + 1;
    const links = await selectColumns<LinkedRecord & Record<string, unknown>>(
      this.database.manager,
      PersonLink,
      ['personId', 'recordKind', 'recordId'],
    );
    this.everything = false;
    try {
      await this.put(generation, links);
      await Promise.all(
        ['dwp', 'moj', 'vcs'].map((subgraph) => this.prune(subgraph as SubgraphName, generation)),
      );
    } catch (error) {
      this.everything = true;
      throw error;
    }
    await this.saveState({ generation });
    this.logger.info(
      { records: links.length, generation, seconds: (Date.now() - started) / 1000 },
      'published reporting keys',
    );
  }

  private async publishRecords(): Promise<void> {
    const records = [...this.records.values()];
    this.records.clear();
    const generation = (await this.state())?.generation ?? 1;
    await this.put(generation, records).catch((error: Error) => {
      for (const record of records) this.markRecord(record);
      throw error;
    });
  }

  /** Each controller's records in slices, the controllers side by side. */
  private async put(generation: number, links: readonly LinkedRecord[]): Promise<void> {
    const secret = await this.secretKey();
    const byKind = new Map<LinkedRecordKind, LinkedRecord[]>();
    for (const link of links) {
      const held = byKind.get(link.recordKind);
      if (held) held.push(link);
      else byKind.set(link.recordKind, [link]);
    }
    const keyOf = personKeys(secret);
    await Promise.all(
      ['dwp', 'moj', 'vcs'].map(async (subgraph) => {
        for (const [kind, rows] of byKind) {
          if (CONTROLLER[kind] !== subgraph) continue;
          for (let i = 0; i < rows.length; i += MAX_REPORTING_KEYS) {
            const slice = rows.slice(i, i + MAX_REPORTING_KEYS);
            await this.call(subgraph as SubgraphName, PUT, {
              generation,
              recordKind: kind,
              recordIds: slice.map((row) => row.recordId),
              personKeys: slice.map((row) => keyOf(row.personId)),
            });
          }
        }
      }),
    );
  }

  private prune(subgraph: SubgraphName, generation: number) {
    return this.call(subgraph, PRUNE, { generation });
  }

  private call(subgraph: SubgraphName, query: string, variables: Record<string, unknown>) {
    return callSubgraph(
      this.config,
      subgraph,
      { caller: IDENTITY_SERVICE_CALLER, purpose: Purpose.RECORD_LINKAGE, requestId: randomUUID() },
      { query, variables, timeoutMs: 60_000 },
    );
  }

  /** Made once, on first use, and kept only in identity's own database. */
  private async secretKey(): Promise<Buffer> {
    if (!this.secret) {
      let stored = await readState<string>(this.database, SECRET);
      if (!stored) {
        stored = randomBytes(32).toString('hex');
        const made = stored;
        await this.database.transaction((manager) => writeState(manager, SECRET, made));
      }
      this.secret = Buffer.from(stored, 'hex');
    }
    return this.secret;
  }

  private state() {
    return readState<PublishedState>(this.database, STATE);
  }

  private async saveState(change: Partial<PublishedState>): Promise<void> {
    const state = { generation: 0, pending: false, ...(await this.state()), ...change };
    await this.database.transaction((manager) => writeState(manager, STATE, state));
  }
}

const PUT = `mutation ($generation: Int!, $recordKind: String!, $recordIds: [String!]!,
    $personKeys: [String!]!) {
  putReportingKeys(generation: $generation, recordKind: $recordKind, recordIds: $recordIds,
    personKeys: $personKeys) }`;
const PRUNE = 'mutation ($generation: Int!) { pruneReportingKeys(generation: $generation) }';

/** A person's key: 96 bits of HMAC-SHA256 of their id, each person's worked out once. */
function personKeys(secret: Buffer): (personId: string) => string {
  const known = new Map<string, string>();
  return (personId) => {
    let key = known.get(personId);
    if (!key) {
      key = createHmac('sha256', secret).update(personId).digest('hex').slice(0, 24);
      known.set(personId, key);
    }
    return key;
  };
}
