import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../../../lib/config';
import { MAX_FEED_PAGE_SIZE } from '../../../lib/identity-feed';
import type { Logger } from '../../../lib/logger';
import type { BackgroundWorker } from '../../../lib/subgraph-server';
import { LinkStatus, PersonLink } from '../person/person-link.entity';
import { Person } from '../person/person.entity';
import { StoredSourceRecord } from '../records/source-record.entity';
import { LinkReview, ReviewReason, ReviewStatus } from '../review/link-review.entity';
import { FEEDS, type FedRecord, pullFeedPage } from './feed-client';
import { recordFeatures } from './features';
import { runFullLinkage } from './full-run';
import { LinkIndex, type Placement } from './incremental';
import {
  loadAssignment,
  loadSourceRecords,
  newPersonId,
  pairKeys,
  personFor,
  readState,
  saveSourceRecords,
  writeState,
} from './linkage-store';
import { DEFAULT_THRESHOLDS, type LinkageThresholds } from './linker';
import type { ModelParameters } from './model';
import { RECORD_KIND, recordKey } from './source-record';
import type { ReleaseSnapshots } from '../reporting/release-snapshots';
import type { ReportingKeyPublisher } from '../reporting/reporting-keys';

export interface LinkageSettings {
  thresholds: LinkageThresholds;
  intervalMs: number;
  pageSize: number;
  /** More changed records than this in one pull: re-link everything instead of one by one. */
  fullRunAbove: number;
}

export interface SyncSummary {
  changed: number;
  mode: 'full' | 'incremental' | 'none';
}

/**
 * Pulls each controller's identity feed from where it left off, stores the matching fields,
 * and links what changed: a full run the first time (or after a large change), else record by
 * record against the in-memory index.
 */
export class LinkageService implements BackgroundWorker {
  readonly name = 'identity feeds not yet pulled and linked';
  private index: LinkIndex | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  /** Aborted on stop: a reporting snapshot being built is abandoned, not waited for. */
  private readonly stopping = new AbortController();
  private writes: Promise<unknown> = Promise.resolve();
  ready = false;

  constructor(
    private readonly database: DataSource,
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly settings: LinkageSettings,
    private readonly reportingKeys?: ReportingKeyPublisher,
    /** What reports count; kept in step with the links. */
    readonly releaseSnapshots?: ReleaseSnapshots,
  ) {}

  static settings(config: Config): LinkageSettings {
    return {
      thresholds: {
        ...DEFAULT_THRESHOLDS,
        link: config.linkage.linkThreshold,
        review: config.linkage.reviewThreshold,
      },
      intervalMs: config.linkage.syncIntervalMs,
      pageSize: MAX_FEED_PAGE_SIZE,
      fullRunAbove: 1000,
    };
  }

  /** Forget the in-memory index: a steward's decision changed who is whom. */
  invalidate(): void {
    this.index = null;
    this.reportingKeys?.markAll();
  }

  start(): void {
    const tick = async () => {
      this.running = this.syncOnce().catch((error: Error) =>
        this.logger.warn({ reason: error.message }, 'identity feed sync failed; will retry'),
      );
      await this.running;
      // Until the first pull succeeds, retry soon: the hub is not ready without it.
      const wait = this.ready ? this.settings.intervalMs : Math.min(this.settings.intervalMs, 500);
      if (!this.stopped) this.timer = setTimeout(tick, wait);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async syncOnce(): Promise<SyncSummary> {
    const pulling = Date.now();
    const changed = await this.pullFeeds();
    if (changed.count)
      this.logger.info(
        { records: changed.count, seconds: (Date.now() - pulling) / 1000 },
        'pulled feeds',
      );
    // No parameters yet means no full run has finished: records pulled before a failed run
    // must still be linked, so this does not depend on what this pull brought.
    const fitted = await readState<ModelParameters>(this.database, 'model');
    const held = fitted ? 0 : await this.database.getRepository(StoredSourceRecord).count();
    let mode: SyncSummary['mode'] = 'none';
    if (held || changed.count > this.settings.fullRunAbove) {
      const summary = await runFullLinkage(this.database, this.settings.thresholds);
      this.logger.info(summary, 'linked every record');
      this.index = null;
      this.reportingKeys?.markAll();
      mode = 'full';
    } else if (changed.count) {
      for (const record of changed.records) await this.linkOne(record);
      mode = 'incremental';
    }
    if (this.reportingKeys) {
      if (!this.ready) await this.reportingKeys.resume();
      if (!this.reportingKeys.upToDate) this.releaseSnapshots?.markLinksChanged();
      await this.reportingKeys.publish();
    }
    const snapshots = this.releaseSnapshots;
    if (snapshots?.due && (this.reportingKeys?.upToDate ?? true))
      await snapshots.refresh(this.stopping.signal);
    // Ready once linked, once the controllers hold every record's reporting key, and once
    // reports have a snapshot to count.
    this.ready =
      (this.reportingKeys?.upToDate ?? true) && (!snapshots || snapshots.current !== null);
    return { changed: changed.count, mode };
  }

  /**
   * Every feed at once, each from its stored cursor; a page and its cursor commit together.
   * Changed records are kept to link one by one only while few: past that, a full run reads
   * them back from the store, and holding millions here as well would double the memory.
   */
  private async pullFeeds(): Promise<{ count: number; records: FedRecord[] }> {
    const changed = { count: 0, records: [] as FedRecord[] };
    await Promise.all(FEEDS.map((feed) => this.pullFeed(feed, changed)));
    return changed;
  }

  private async pullFeed(
    feed: (typeof FEEDS)[number],
    changed: { count: number; records: FedRecord[] },
  ): Promise<void> {
    let cursor = await readState<string>(this.database, `cursor:${feed.source}`);
    for (let more = true; more;) {
      const page = await pullFeedPage(this.config, feed, cursor, this.settings.pageSize);
      if (page.records.length) {
        await this.serially(() =>
          this.database.transaction(async (manager) => {
            await saveSourceRecords(manager, page.records);
            await writeState(manager, `cursor:${feed.source}`, page.endCursor);
          }),
        );
        changed.count += page.records.length;
        if (changed.count > this.settings.fullRunAbove) changed.records = [];
        else changed.records.push(...page.records);
      }
      cursor = page.endCursor;
      more = page.hasNextPage;
    }
  }

  /** Feeds are pulled side by side, but SQLite takes one writer: their writes queue here. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writes.then(work);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async loadIndex(): Promise<LinkIndex> {
    const parameters = await readState<ModelParameters>(this.database, 'model');
    if (!parameters) throw new Error('no model parameters yet: a full run must come first');
    const [records, assignment] = await Promise.all([
      loadSourceRecords(this.database),
      loadAssignment(this.database),
    ]);
    return new LinkIndex(parameters, records, assignment, this.settings.thresholds);
  }

  /** The in-memory index person search reads, built if not held; null before any full run. */
  async searchIndex(): Promise<LinkIndex | null> {
    if (!this.index && !(await readState(this.database, 'model'))) return null;
    const loaded = this.index ?? (await this.loadIndex());
    // A record linked while this one loaded went into the index `linkOne` holds: keep that one.
    this.index ??= loaded;
    return this.index;
  }

  /** Links one new or changed record on arrival, in one transaction. */
  async linkOne(record: FedRecord): Promise<Placement> {
    this.index ??= await this.loadIndex();
    const index = this.index;
    const key = recordKey(record);
    index.remove(key);
    const placement = index.place(record);
    const personId = await this.database.transaction(async (manager) => {
      const links = manager.getRepository(PersonLink);
      const kind = RECORD_KIND[record.source];
      const previous = await links.findOneBy({ recordKind: kind, recordId: record.sourceId });
      if (previous) await links.delete({ id: previous.id });
      if (previous && previous.personId !== placement.personId)
        await dropIfEmpty(manager, previous.personId);
      const id = placement.personId ?? (await newPersonId(manager, key));
      if (!placement.personId) await manager.getRepository(Person).insert(personFor(id, [record]));
      await links.insert({
        personId: id,
        recordKind: kind,
        recordId: record.sourceId,
        status: !placement.match
          ? LinkStatus.UNLINKED
          : placement.match.explanation.rule
            ? LinkStatus.RULE
            : LinkStatus.MODEL,
        matchProbability: placement.match?.explanation.probability ?? null,
        explanation: placement.match?.explanation ?? null,
      });
      await queueReviews(manager, key, placement);
      return id;
    });
    index.add(recordFeatures(record), personId);
    this.reportingKeys?.markRecord({
      personId,
      recordKind: RECORD_KIND[record.source],
      recordId: record.sourceId,
    });
    return { ...placement, personId };
  }
}

async function dropIfEmpty(manager: EntityManager, personId: string): Promise<void> {
  if (!(await manager.getRepository(PersonLink).existsBy({ personId })))
    await manager.getRepository(Person).delete({ id: personId });
}

async function queueReviews(manager: EntityManager, key: string, placement: Placement) {
  const reviews = manager.getRepository(LinkReview);
  for (const review of placement.reviews) {
    const { recordA, recordB } = pairKeys(key, review.otherRecord);
    if (await reviews.existsBy({ recordA, recordB })) continue;
    await reviews.insert({
      id: randomUUID(),
      recordA,
      recordB,
      reason: review.reason as ReviewReason,
      matchProbability: review.explanation.probability,
      explanation: review.explanation,
      impact: 2,
      status: ReviewStatus.PENDING,
      createdAt: new Date().toISOString(),
    });
  }
}
