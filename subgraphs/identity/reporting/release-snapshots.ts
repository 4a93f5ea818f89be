import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { IDENTITY_SERVICE_CALLER, Purpose } from '../../../lib/auth/roles';
import type { Config } from '../../../lib/config';
import { callSubgraph } from '../../../lib/internal-call';
import type { Logger } from '../../../lib/logger';
import { MAX_SPINE_RELEASES, type ReleaseSpine } from '../../../lib/reporting/release-facts';
import type { SubgraphName } from '../../../lib/subgraphs';
import { readState, writeState } from '../linking/linkage-store';
import { SnapshotSpine } from './release-spine';

const STATE = 'reportingSnapshot';
const CONTROLLERS: SubgraphName[] = ['dwp', 'moj', 'vcs'];
/** A snapshot is rebuilt this soon at the earliest after links change. */
const SOONEST_AFTER_LINKS_MS = 60_000;
const RETRY_AFTER_MS = 5_000;
/** Releases a call: a slice's JSON stays a few MB. */
const SLICE = Math.min(MAX_SPINE_RELEASES, 25_000);

/**
 * Reports count a snapshot: MoJ's releases (the spine), pseudonymous, and each controller's
 * measures of each release, worked out once and kept in its own release_fact table, then summed
 * into release_cube. A report then groups what the controllers keep, without shipping a cohort
 * round the hub. Identity keeps the spine in memory, to know which releases are in each cell.
 * A snapshot is rebuilt when links change (at most once a minute) and at least every
 * REPORTING_SNAPSHOT_INTERVAL_MS; each controller keeps the one before too, for reports already
 * counting it. A sync that rebuilds one takes minutes at a million people (3.5 here).
 */
export class ReleaseSnapshots {
  current: SnapshotSpine | null = null;
  private builtAt = 0;
  private linksChanged = false;
  /** After a failed build, not before this: a controller may be starting or down. */
  private retryAt = 0;
  /** Aborted when the service stops: the build in progress gives up at its next call. */
  private stopping?: AbortSignal;

  constructor(
    private readonly database: DataSource,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  /** Links changed: a person's releases may now count with other records. */
  markLinksChanged(): void {
    this.linksChanged = true;
  }

  /** The snapshot is out of step with the controllers: build another soon. */
  markBroken(): void {
    this.builtAt = 0;
    this.linksChanged = true;
  }

  get due(): boolean {
    const age = Date.now() - this.builtAt;
    if (Date.now() < this.retryAt) return false;
    return (
      !this.current ||
      age >= this.config.reporting.snapshotIntervalMs ||
      (this.linksChanged && age >= SOONEST_AFTER_LINKS_MS)
    );
  }

  /**
   * Builds a new snapshot; on failure, the last one stays in use and the next sync retries.
   * `stopping` abandons a build (minutes at scale) at its next call: the last snapshot stays.
   */
  async refresh(stopping?: AbortSignal): Promise<void> {
    const started = Date.now();
    const previous = this.current?.snapshot;
    const snapshot = ((await readState<number>(this.database, STATE)) ?? 0) + 1;
    await this.database.transaction((manager) => writeState(manager, STATE, snapshot));
    this.linksChanged = false;
    try {
      this.stopping = stopping;
      const spine = await this.build(snapshot);
      await Promise.all(
        CONTROLLERS.map((subgraph) => this.call(subgraph, SUMMARISE, { snapshot })),
      );
      await Promise.all(
        CONTROLLERS.map((subgraph) =>
          this.call(subgraph, PRUNE, { keep: previous ? [previous, snapshot] : [snapshot] }),
        ),
      );
      this.current = spine;
      this.builtAt = Date.now();
      this.logger.info(
        { snapshot, releases: spine.size, seconds: (Date.now() - started) / 1000 },
        'reporting snapshot built',
      );
    } catch (error) {
      this.linksChanged = true;
      this.retryAt = Date.now() + RETRY_AFTER_MS;
      if (stopping?.aborted) {
        this.logger.info({ snapshot }, 'reporting snapshot abandoned: stopping');
        return;
      }
      this.logger.warn(
        { snapshot, reason: (error as Error).message },
        'reporting snapshot not built; will retry',
      );
    }
  }

  /** A year of releases at a time from MoJ, each slice of it to every controller. */
  private async build(snapshot: number): Promise<SnapshotSpine> {
    const builder = SnapshotSpine.builder(snapshot);
    const { releasePeriod } = await this.call<{ releasePeriod: string[] }>(
      'moj',
      '{ releasePeriod }',
      {},
    );
    if (releasePeriod.length !== 2) return builder.build();
    const [first, last] = releasePeriod.map((date) => Number(date.slice(0, 4)));
    for (let year = first; year <= last; year++) {
      const { releaseCohort } = await this.call<{ releaseCohort: { columns: string } }>(
        'moj',
        RELEASES,
        { from: `${year}-01-01`, to: `${year}-12-31` },
      );
      const releases = builder.add(JSON.parse(releaseCohort.columns) as ReleaseSpine);
      for (let at = 0; at < releases.personKey.length; at += SLICE) {
        const slice = JSON.stringify(sliceOf(releases, at, at + SLICE));
        await Promise.all(
          CONTROLLERS.map((subgraph) => this.call(subgraph, PUT, { snapshot, releases: slice })),
        );
      }
    }
    return builder.build();
  }

  private async call<T>(
    subgraph: SubgraphName,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<T> {
    this.stopping?.throwIfAborted();
    return callSubgraph<T>(
      this.config,
      subgraph,
      {
        caller: { ...IDENTITY_SERVICE_CALLER, purposes: [Purpose.STATISTICS] },
        purpose: Purpose.STATISTICS,
        requestId: randomUUID(),
      },
      { query, variables, timeoutMs: 300_000, signal: this.stopping },
    );
  }
}

const sliceOf = (spine: ReleaseSpine, from: number, to: number) =>
  Object.fromEntries(Object.entries(spine).map(([name, column]) => [name, column.slice(from, to)]));

const RELEASES = `query ($from: String!, $to: String!) {
  releaseCohort(from: $from, to: $to) { columns } }`;
const PUT = `mutation ($snapshot: Int!, $releases: String!) {
  putReleaseFacts(snapshot: $snapshot, releases: $releases) }`;
const SUMMARISE = 'mutation ($snapshot: Int!) { summariseReleaseFacts(snapshot: $snapshot) }';
const PRUNE = 'mutation ($keep: [Int!]!) { pruneReleaseFacts(keep: $keep) }';
