import { BLOCKING_RULES, MAX_BLOCK_SIZE } from './blocking';
import { compareRecords } from './comparisons';
import { type NameForm, type RecordFeatures, recordFeatures } from './features';
import { Postings } from './postings';
import type { LinkageThresholds } from './linker';
import type { ModelParameters } from './model';
import {
  type MatchExplanation,
  MatchScorer,
  contradicts,
  identifierAgrees,
  termFrequencies,
} from './scoring';
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

/** One person a search found: their record most like the query, and why. */
export interface SearchHit {
  personId: string;
  /** The record key, `source:sourceId`. */
  record: string;
  explanation: MatchExplanation;
  /** An identifier the query gave (NINO, prison number, PNC number or CRN) equals the record's. */
  identifierMatched: boolean;
}

/** The most records one search scores: past this a query is too vague to rank them all. */
export const MAX_SEARCH_CANDIDATES = 2000;

interface Candidate {
  personId: string;
  record: string;
  explanation: MatchExplanation;
}

/**
 * The linked records held in memory with their blocking keys, so one arriving record is scored
 * against its few candidates with the last full run's parameters, not against everyone.
 * Records are numbered in the order filed; a changed record is filed again under a new number
 * and its old number goes dead, so the postings built at the start never need rewriting.
 */
export class LinkIndex {
  private readonly features: RecordFeatures[] = [];
  /** By record number; null once the record was removed or replaced. */
  private readonly personOf: (string | null)[] = [];
  private readonly numberOf = new Map<string, number>();
  private readonly members = new Map<string, Set<number>>();
  private readonly blocks: Postings[];
  /** Lookups for searches that give fewer fields than any blocking rule needs. */
  private readonly lookups: Map<SearchLookup, Postings>;
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
      if (personId) this.file(f, personId);
    }
    this.blocks = BLOCKING_RULES.map((rule) => Postings.build(this.features, rule.keys));
    this.lookups = new Map(
      SEARCH_LOOKUPS.map((lookup) => [
        lookup,
        Postings.build(this.features, SEARCH_KEYS[lookup].stored),
      ]),
    );
  }

  get size(): number {
    return this.numberOf.size;
  }

  personIdOf(key: string): string | undefined {
    const record = this.numberOf.get(key);
    return record === undefined ? undefined : (this.personOf[record] ?? undefined);
  }

  add(features: RecordFeatures, personId: string): void {
    this.remove(recordKey(features.record));
    const record = this.file(features, personId);
    BLOCKING_RULES.forEach((rule, r) => {
      for (const blockKey of rule.keys(features)) this.blocks[r].add(blockKey, record);
    });
    for (const [lookup, postings] of this.lookups) {
      for (const lookupKey of SEARCH_KEYS[lookup].stored(features)) postings.add(lookupKey, record);
    }
  }

  remove(key: string): void {
    const record = this.numberOf.get(key);
    if (record === undefined) return;
    const personId = this.personOf[record] as string;
    this.personOf[record] = null;
    this.numberOf.delete(key);
    this.members.get(personId)?.delete(record);
    if (!this.members.get(personId)?.size) this.members.delete(personId);
  }

  private file(features: RecordFeatures, personId: string): number {
    const record = this.features.push(features) - 1;
    this.personOf.push(personId);
    this.numberOf.set(recordKey(features.record), record);
    const members = this.members.get(personId) ?? new Set<number>();
    this.members.set(personId, members.add(record));
    return record;
  }

  /** The live records filed under a key, each with its person. */
  private *filed(postings: Postings | undefined, key: string): Generator<number> {
    for (const record of postings?.get(key) ?? []) {
      if (this.personOf[record] !== null) yield record;
    }
  }

  /** Where a new or changed record belongs, by the same rules and guard as a full run. */
  place(record: SourceRecord): Placement {
    const features = recordFeatures(record);
    const key = recordKey(record);
    const best = new Map<string, Candidate>();
    for (const other of this.candidates(features, key)) {
      const otherFeatures = this.features[other];
      const vector = compareRecords(features, otherFeatures);
      const explanation = this.scorer.explain(vector, features, otherFeatures);
      if (explanation.probability < this.thresholds.review) continue;
      const personId = this.personOf[other] as string;
      const current = best.get(personId);
      if (!current || explanation.matchWeight > current.explanation.matchWeight || explanation.rule)
        best.set(personId, { personId, record: recordKey(otherFeatures.record), explanation });
    }
    const ranked = [...best.values()].sort((a, b) => strength(b) - strength(a));
    return this.decide(features, ranked);
  }

  /**
   * The people a search names, best first: each by their record most like `query`, scored as the
   * linker scores a pair (fields the query leaves out count nothing). A CRN is not a compared
   * field: a record holding the query's `crn` is a decisive hit unless another field disagrees.
   * Hits a decisive rule settles come first, then by match weight, then by person id.
   */
  search(query: RecordFeatures, crn?: string | null): SearchHit[] {
    const best = new Map<string, SearchHit>();
    for (const record of this.searchRecords(query, crn)) {
      const other = this.features[record];
      const key = recordKey(other.record);
      const vector = compareRecords(query, other);
      let explanation = this.scorer.explain(vector, query, other);
      const crnAgrees = !!crn && storedCrns(other).includes(crn);
      if (crnAgrees && !explanation.rule && !contradicts(vector.levels))
        explanation = { ...explanation, probability: 1, rule: 'crn agrees and nothing disagrees' };
      const hit: SearchHit = {
        personId: this.personOf[record] as string,
        record: key,
        explanation,
        identifierMatched: crnAgrees || identifierAgrees(vector.levels),
      };
      const current = best.get(hit.personId);
      if (!current || byStrength(hit, current) < 0) best.set(hit.personId, hit);
    }
    return [...best.values()].sort(
      (a, b) => byStrength(a, b) || compareStrings(a.personId, b.personId),
    );
  }

  /**
   * The records a search scores, from the blocking maps and the search lookups only, never a
   * scan: most telling lookups first, at most `limit` of them.
   */
  searchCandidates(
    query: RecordFeatures,
    crn?: string | null,
    limit = MAX_SEARCH_CANDIDATES,
  ): Set<string> {
    const records = this.searchRecords(query, crn, limit);
    return new Set([...records].map((record) => recordKey(this.features[record].record)));
  }

  private searchRecords(
    query: RecordFeatures,
    crn?: string | null,
    limit = MAX_SEARCH_CANDIDATES,
  ): Set<number> {
    const found = new Set<number>();
    const take = (records: Iterable<number>) => {
      for (const record of records) {
        if (found.size >= limit) return;
        found.add(record);
      }
    };
    const lookup = (lookupName: SearchLookup, keys: string[]) => {
      for (const key of keys) take(this.filed(this.lookups.get(lookupName), key));
    };
    if (crn) lookup('crn', [crn]);
    BLOCKING_RULES.forEach((rule, r) => {
      for (const blockKey of rule.keys(query)) take(this.filed(this.blocks[r], blockKey));
    });
    const [name] = query.names;
    const bothNames = !!name?.given && !!name.family;
    const oneName = !bothNames && (!!name?.given || !!name?.family);
    if (bothNames) {
      lookup('fullName', SEARCH_KEYS.fullName.stored(query));
      lookup('namePair', SEARCH_KEYS.namePair.stored(query));
      lookup('namePartial', SEARCH_KEYS.namePartial.stored(query));
    }
    if (name?.familySound && query.postcode)
      lookup('familyDistrict', [`${name.familySound}|${query.postcode.district}`]);
    lookup('postcode', SEARCH_KEYS.postcode.stored(query));
    lookup('dateOfBirth', SEARCH_KEYS.dateOfBirth.stored(query));
    // One name and nothing to narrow it: everyone so called, exact spellings first.
    if (oneName && !query.dateOfBirth && !query.postcode) {
      lookup('name', SEARCH_KEYS.name.stored(query));
      lookup('nameSound', SEARCH_KEYS.nameSound.stored(query));
    }
    return found;
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
    for (const record of this.members.get(personId) ?? []) {
      const other = this.features[record];
      if (other.record.source === source && AUTHORITATIVE_SOURCES.includes(source)) return true;
      if (features.pncNumber && other.pncNumber && features.pncNumber !== other.pncNumber)
        return true;
    }
    return false;
  }

  private candidates(features: RecordFeatures, self: string): Set<number> {
    const found = new Set<number>();
    const own = this.numberOf.get(self);
    BLOCKING_RULES.forEach((rule, r) => {
      for (const blockKey of rule.keys(features)) {
        const block = [...this.filed(this.blocks[r], blockKey)];
        if (block.length > MAX_BLOCK_SIZE) continue;
        for (const record of block) {
          const other = this.features[record];
          const sameSource = other.record.source === features.record.source;
          if (
            record !== own &&
            !(sameSource && AUTHORITATIVE_SOURCES.includes(other.record.source))
          )
            found.add(record);
        }
      }
    });
    return found;
  }
}

const strength = (candidate: Candidate) =>
  candidate.explanation.rule ? Infinity : candidate.explanation.matchWeight;

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Negative when `a` is the better hit: settled by a rule first, then by weight, then by record. */
const byStrength = (a: SearchHit, b: SearchHit) =>
  Number(!!b.explanation.rule) - Number(!!a.explanation.rule) ||
  b.explanation.matchWeight - a.explanation.matchWeight ||
  compareStrings(a.record, b.record);

/** The CRNs a record holds: probation records are keyed by theirs. */
function storedCrns(features: RecordFeatures): string[] {
  const { record } = features;
  const crns = [record.crn, record.source === 'probation' ? record.sourceId : null];
  return unique(crns.map((crn) => crn?.replace(/\s+/g, '').toUpperCase() ?? ''));
}

const unique = (values: string[]) => [...new Set(values.filter(Boolean))];

/** A name's given forms as written and formal ("BOB", "ROBERT"), each paired with the family. */
function givenFamilyPairs(name: NameForm, sounds: boolean): string[] {
  const family = sounds ? name.familySound : name.family;
  const givens = sounds
    ? [name.givenSound, ...name.formalSounds]
    : [name.given, ...name.formalGiven];
  if (!family) return [];
  return unique(givens).map((given) => [given, family].sort().join('+'));
}

/** Year plus day and month in either order, so a swapped date is found (as in blocking). */
function swappedDateKey(features: RecordFeatures): string[] {
  const date = features.dateOfBirth;
  if (!date) return [];
  const [low, high] = [date.month, date.day].sort((a, b) => a - b);
  return [`${date.year}-${low}-${high}`];
}

/**
 * The search lookups, each with the keys a stored record is filed under. A query looks itself
 * up under the same keys, except by family name and district (its family name only) and CRN.
 */
const SEARCH_KEYS = {
  crn: { stored: storedCrns },
  /** Given and family name exactly, in either order, the given name also as its formal name. */
  fullName: {
    stored: (f: RecordFeatures) => unique(f.names.flatMap((n) => givenFamilyPairs(n, false))),
  },
  /** The same pairs by soundex: typos that keep the sound. */
  namePair: {
    stored: (f: RecordFeatures) => unique(f.names.flatMap((n) => givenFamilyPairs(n, true))),
  },
  /**
   * One name's sound with the other's start: a typo that changes one name's sound (PEMBLETON
   * for PEMBERTON) leaves the other name's sound and the first letters of its own.
   */
  namePartial: {
    stored: (f: RecordFeatures) =>
      unique(
        f.names.flatMap((n) =>
          n.given && n.family
            ? [
                ...[n.givenSound, ...n.formalSounds].map((g) => `G${g}|${n.family.slice(0, 3)}`),
                ...[n.given, ...n.formalGiven].map((g) => `F${n.familySound}|${g[0]}`),
              ]
            : [],
        ),
      ),
  },
  /** A family name's sound (or the given name's, in case they were swapped) and postcode district. */
  familyDistrict: {
    stored: (f: RecordFeatures) =>
      f.postcode
        ? unique(f.names.flatMap((n) => [n.familySound, n.givenSound])).map(
            (sound) => `${sound}|${f.postcode?.district}`,
          )
        : [],
  },
  postcode: { stored: (f: RecordFeatures) => (f.postcode ? [f.postcode.full] : []) },
  dateOfBirth: { stored: swappedDateKey },
  /** Any one name exactly, given names also as their formal names. */
  name: {
    stored: (f: RecordFeatures) =>
      unique(f.names.flatMap((n) => [n.given, n.family, ...n.formalGiven])),
  },
  nameSound: {
    stored: (f: RecordFeatures) =>
      unique(f.names.flatMap((n) => [n.givenSound, n.familySound, ...n.formalSounds])),
  },
} satisfies Record<string, { stored: (features: RecordFeatures) => string[] }>;

type SearchLookup = keyof typeof SEARCH_KEYS;
const SEARCH_LOOKUPS = Object.keys(SEARCH_KEYS) as SearchLookup[];
