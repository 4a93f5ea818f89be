import { BLOCKING_RULES, MAX_BLOCK_SIZE } from './blocking';
import { compareRecords } from './comparisons';
import { type RecordFeatures, recordFeatures } from './features';
import type { LinkageThresholds } from './linker';
import type { ModelParameters } from './model';
import { type MatchExplanation, MatchScorer, termFrequencies } from './scoring';
import { AUTHORITATIVE_SOURCES, type SourceRecord, recordKey } from './source-record';

/** What one arriving record should do: join a person, or start one; and what a steward sees. */
export interface Placement {
  personId: string | null;
  match: { otherRecord: string; explanation: MatchExplanation } | null;
  reviews: {
    otherRecord: string;
    reason: 'UNCERTAIN' | 'CONTESTED' | 'CONFLICTING_IDENTIFIERS';
    explanation: MatchExplanation;
  }[];
}

interface Candidate {
  personId: string;
  record: string;
  explanation: MatchExplanation;
}

/**
 * The linked records held in memory with their blocking keys, so one arriving record is scored
 * against its few candidates with the last full run's parameters, not against everyone.
 */
export class LinkIndex {
  private readonly records = new Map<string, RecordFeatures>();
  private readonly personOf = new Map<string, string>();
  private readonly members = new Map<string, Set<string>>();
  private readonly blocks = BLOCKING_RULES.map(() => new Map<string, Set<string>>());
  private readonly scorer: MatchScorer;

  constructor(
    parameters: ModelParameters,
    records: SourceRecord[],
    assignment: ReadonlyMap<string, string>,
    private readonly thresholds: LinkageThresholds,
  ) {
    const features = records.map(recordFeatures);
    this.scorer = new MatchScorer(parameters, termFrequencies(features));
    for (const f of features) {
      const personId = assignment.get(recordKey(f.record));
      if (personId) this.add(f, personId);
    }
  }

  get size(): number {
    return this.records.size;
  }

  personIdOf(key: string): string | undefined {
    return this.personOf.get(key);
  }

  add(features: RecordFeatures, personId: string): void {
    const key = recordKey(features.record);
    this.remove(key);
    this.records.set(key, features);
    this.personOf.set(key, personId);
    if (!this.members.has(personId)) this.members.set(personId, new Set());
    this.members.get(personId)?.add(key);
    BLOCKING_RULES.forEach((rule, r) => {
      for (const blockKey of rule.keys(features)) {
        const block = this.blocks[r].get(blockKey) ?? new Set<string>();
        block.add(key);
        this.blocks[r].set(blockKey, block);
      }
    });
  }

  remove(key: string): void {
    const features = this.records.get(key);
    if (!features) return;
    BLOCKING_RULES.forEach((rule, r) => {
      for (const blockKey of rule.keys(features)) this.blocks[r].get(blockKey)?.delete(key);
    });
    const personId = this.personOf.get(key) as string;
    this.members.get(personId)?.delete(key);
    if (!this.members.get(personId)?.size) this.members.delete(personId);
    this.records.delete(key);
    this.personOf.delete(key);
  }

  /** Where a new or changed record belongs, by the same rules and guard as a full run. */
  place(record: SourceRecord): Placement {
    const features = recordFeatures(record);
    const key = recordKey(record);
    const best = new Map<string, Candidate>();
    for (const other of this.candidates(features, key)) {
      const otherFeatures = this.records.get(other) as RecordFeatures;
      const vector = compareRecords(features, otherFeatures);
      const explanation = this.scorer.explain(vector, features, otherFeatures);
      if (explanation.probability < this.thresholds.review) continue;
      const personId = this.personOf.get(other) as string;
      const current = best.get(personId);
      if (!current || explanation.matchWeight > current.explanation.matchWeight || explanation.rule)
        best.set(personId, { personId, record: other, explanation });
    }
    const ranked = [...best.values()].sort((a, b) => strength(b) - strength(a));
    return this.decide(features, ranked);
  }

  private decide(features: RecordFeatures, ranked: Candidate[]): Placement {
    const placement: Placement = { personId: null, match: null, reviews: [] };
    const linkable = ranked.filter((c) => c.explanation.probability >= this.thresholds.link);
    const allowed = linkable.filter((c) => !this.conflicts(features, c.personId));
    const [first, second] = allowed;
    const contested =
      first && second && strength(second) >= strength(first) - this.thresholds.contestMargin;
    if (first && !contested) {
      placement.personId = first.personId;
      placement.match = { otherRecord: first.record, explanation: first.explanation };
    }
    for (const candidate of ranked) {
      if (candidate.personId === placement.personId) continue;
      const reason =
        contested && allowed.includes(candidate)
          ? 'CONTESTED'
          : linkable.includes(candidate)
            ? 'CONFLICTING_IDENTIFIERS'
            : 'UNCERTAIN';
      placement.reviews.push({
        otherRecord: candidate.record,
        reason,
        explanation: candidate.explanation,
      });
    }
    return placement;
  }

  private conflicts(features: RecordFeatures, personId: string): boolean {
    const source = features.record.source;
    for (const key of this.members.get(personId) ?? []) {
      const other = this.records.get(key) as RecordFeatures;
      if (other.record.source === source && AUTHORITATIVE_SOURCES.includes(source)) return true;
      if (features.pncNumber && other.pncNumber && features.pncNumber !== other.pncNumber)
        return true;
    }
    return false;
  }

  private candidates(features: RecordFeatures, self: string): Set<string> {
    const found = new Set<string>();
    BLOCKING_RULES.forEach((rule, r) => {
      for (const blockKey of rule.keys(features)) {
        const block = this.blocks[r].get(blockKey);
        if (!block || block.size > MAX_BLOCK_SIZE) continue;
        for (const key of block) {
          const other = this.records.get(key) as RecordFeatures;
          const sameSource = other.record.source === features.record.source;
          if (key !== self && !(sameSource && AUTHORITATIVE_SOURCES.includes(other.record.source)))
            found.add(key);
        }
      }
    });
    return found;
  }
}

const strength = (candidate: Candidate) =>
  candidate.explanation.rule ? Infinity : candidate.explanation.matchWeight;
