import { candidatePairs } from './blocking';
import { GuardedClusters } from './clusters';
import { FIELD_NAMES, MISSING, compareRecords } from './comparisons';
import { type RecordFeatures, recordFeatures } from './features';
import {
  type ModelParameters,
  estimateM,
  estimateU,
  priorLambda,
  startingParameters,
} from './model';
import { type MatchExplanation, MatchScorer, deterministicRule, termFrequencies } from './scoring';
import { AUTHORITATIVE_SOURCES, type SourceRecord, recordKey } from './source-record';

export interface LinkageThresholds {
  /** At or above: linked without review. */
  link: number;
  /** At or above, below `link`: waits for a steward. Below: left apart. */
  review: number;
  /** A record this close (in bits) to two clusters is contested: a steward decides. */
  contestMargin: number;
}

export const DEFAULT_THRESHOLDS: LinkageThresholds = { link: 0.9, review: 0.5, contestMargin: 3 };

/** A steward's decision about two records, by record key; it wins over the model on every run. */
export interface StewardDecision {
  kind: 'SAME_PERSON' | 'DIFFERENT_PEOPLE';
  recordA: string;
  recordB: string;
}

export type LinkStatus = 'RULE' | 'MODEL' | 'CONFIRMED' | 'UNLINKED';
export type ReviewReason = 'UNCERTAIN' | 'CONTESTED' | 'CONFLICTING_IDENTIFIERS';

export interface RecordLink {
  /** Index into `clusters`. */
  cluster: number;
  status: LinkStatus;
  /** The record whose match is the strongest evidence tying this one to its cluster. */
  match: { otherRecord: number; probability: number } | null;
}

export interface ReviewItem {
  recordA: number;
  recordB: number;
  reason: ReviewReason;
  explanation: MatchExplanation;
}

export interface Linkage {
  features: RecordFeatures[];
  clusters: number[][];
  links: RecordLink[];
  reviews: ReviewItem[];
  parameters: ModelParameters;
  pairsCompared: number;
  skippedBlocks: Record<string, number>;
  /** Why two records match, worked out when asked: a million held at once would crowd memory. */
  explain(a: number, b: number): MatchExplanation;
}

interface Edge {
  a: number;
  b: number;
  weight: number;
  probability: number;
}

/** Links a full set of records: blocking, comparison, EM (unless given parameters), clustering. */
export function linkRecords(
  records: SourceRecord[],
  decisions: StewardDecision[] = [],
  thresholds: LinkageThresholds = DEFAULT_THRESHOLDS,
  given?: ModelParameters,
): Linkage {
  const features = records.map(recordFeatures);
  const pairs = candidatePairs(features);
  const fields = FIELD_NAMES.length;
  const levels = new Uint8Array(pairs.count * fields);
  for (let p = 0; p < pairs.count; p++) {
    levels.set(
      compareRecords(features[pairs.left[p]], features[pairs.right[p]]).levels,
      p * fields,
    );
  }
  const parameters =
    given ??
    refineWithDecisions(estimateParameters(features, levels, pairs.rules), features, decisions);
  const scorer = new MatchScorer(parameters, termFrequencies(features));
  const edges: Edge[] = [];
  for (let p = 0; p < pairs.count; p++) {
    const [a, b] = [pairs.left[p], pairs.right[p]];
    const pairLevels = levels.subarray(p * fields, (p + 1) * fields);
    const weight = deterministicRule(pairLevels)
      ? Infinity
      : scorer.weight(pairLevels, features[a], features[b]);
    const probability = weight === Infinity ? 1 : 1 / (1 + 2 ** -weight);
    if (probability >= thresholds.review) edges.push({ a, b, weight, probability });
  }
  edges.sort((x, y) => y.weight - x.weight || x.a - y.a || x.b - y.b);
  const outcome = clusterEdges(features, edges, decisions, thresholds);
  const explain = (a: number, b: number) => {
    const vector = compareRecords(features[a], features[b]);
    return scorer.explain(vector, features[a], features[b]);
  };
  return {
    features,
    ...describe(outcome, edges, thresholds, explain),
    parameters,
    pairsCompared: pairs.count,
    skippedBlocks: pairs.skippedBlocks,
    explain,
  };
}

function estimateParameters(features: RecordFeatures[], levels: Uint8Array, rules: Uint8Array) {
  const u = estimateU(features.length, (a, b) => {
    const [x, y] = [features[a], features[b]];
    if (
      a === b ||
      (x.record.source === y.record.source && AUTHORITATIVE_SOURCES.includes(x.record.source))
    )
      return null;
    return compareRecords(x, y).levels;
  });
  const start = { ...startingParameters(u), lambda: priorLambda(features.length) };
  return estimateM(levels, rules, start);
}

interface ClusterOutcome {
  clusters: GuardedClusters;
  confirmed: Set<number>;
  contested: Set<number>;
  refused: Set<Edge>;
}

/**
 * A steward's rulings are labelled pairs: a confirmed pair's levels count towards m, a rejected
 * pair's towards u, each weighed against the estimate as if it rested on DECISION_PRIOR pairs.
 */
export const DECISION_PRIOR = 100;

export function refineWithDecisions(
  parameters: ModelParameters,
  features: RecordFeatures[],
  decisions: StewardDecision[],
): ModelParameters {
  const index = new Map(features.map((f, i) => [recordKey(f.record), i]));
  const counts = { m: zeroed(parameters.m), u: zeroed(parameters.u) };
  for (const decision of decisions) {
    const [a, b] = [index.get(decision.recordA), index.get(decision.recordB)];
    if (a === undefined || b === undefined) continue;
    const table = decision.kind === 'SAME_PERSON' ? counts.m : counts.u;
    compareRecords(features[a], features[b]).levels.forEach((level, field) => {
      if (level !== MISSING) table[field][level]++;
    });
  }
  const blend = (estimate: number[][], observed: number[][]) =>
    estimate.map((row, field) => {
      const n = observed[field].reduce((sum, count) => sum + count, 0);
      return row.map(
        (p, level) => (p * DECISION_PRIOR + observed[field][level]) / (DECISION_PRIOR + n),
      );
    });
  return { ...parameters, m: blend(parameters.m, counts.m), u: blend(parameters.u, counts.u) };
}

const zeroed = (table: number[][]) => table.map((row) => row.map(() => 0));

function clusterEdges(
  features: RecordFeatures[],
  edges: Edge[],
  decisions: StewardDecision[],
  thresholds: LinkageThresholds,
): ClusterOutcome {
  const index = new Map(features.map((f, i) => [recordKey(f.record), i]));
  const decided = decisions
    .map((d) => ({ ...d, a: index.get(d.recordA), b: index.get(d.recordB) }))
    .filter(
      (d): d is StewardDecision & { a: number; b: number } =>
        d.a !== undefined && d.b !== undefined,
    );
  const run = (excluded: Set<number>) => {
    const clusters = new GuardedClusters(features);
    const confirmed = new Set<number>();
    for (const d of decided) if (d.kind === 'DIFFERENT_PEOPLE') clusters.keepApart(d.a, d.b);
    for (const d of decided) {
      if (d.kind !== 'SAME_PERSON') continue;
      clusters.union(d.a, d.b, true);
      confirmed.add(d.a).add(d.b);
    }
    const refused = new Set<Edge>();
    for (const edge of edges) {
      if (edge.probability < thresholds.link) break;
      if (excluded.has(edge.a) || excluded.has(edge.b)) continue;
      if (
        !clusters.union(edge.a, edge.b) &&
        clusters.conflict(edge.a, edge.b) === 'CONFLICTING_IDENTIFIERS'
      )
        refused.add(edge);
    }
    return { clusters, confirmed, refused };
  };
  const first = run(new Set());
  const contested = contestedRecords(first.clusters, edges, thresholds, first.confirmed);
  return { ...(contested.size ? run(contested) : first), contested };
}

/** Records whose two best automatic matches lie in clusters that may not merge, too close to call. */
function contestedRecords(
  clusters: GuardedClusters,
  edges: Edge[],
  thresholds: LinkageThresholds,
  confirmed: Set<number>,
): Set<number> {
  const best = new Map<number, Map<number, number>>();
  for (const edge of edges) {
    if (edge.probability < thresholds.link) break;
    for (const [self, other] of [
      [edge.a, edge.b],
      [edge.b, edge.a],
    ]) {
      const byCluster = best.get(self) ?? new Map<number, number>();
      const root = clusters.find(other);
      if (!byCluster.has(root)) byCluster.set(root, edge.weight);
      best.set(self, byCluster);
    }
  }
  const contested = new Set<number>();
  for (const [record, byCluster] of best) {
    if (confirmed.has(record) || byCluster.size < 2) continue;
    const own = clusters.find(record);
    const outside = [...byCluster].filter(([root]) => root !== own).map(([, w]) => w);
    const inside = byCluster.get(own) ?? -Infinity;
    if (outside.some((w) => w === Infinity || w >= inside - thresholds.contestMargin))
      contested.add(record);
  }
  return contested;
}

function describe(
  outcome: ClusterOutcome,
  edges: Edge[],
  thresholds: LinkageThresholds,
  explain: (a: number, b: number) => MatchExplanation,
) {
  const { clusters, confirmed, contested, refused } = outcome;
  const groups = [...clusters.groups().values()];
  const strongest = new Map<number, Edge>();
  const reviewByPair = new Map<string, ReviewItem>();
  for (const edge of edges) {
    const [ra, rb] = [clusters.find(edge.a), clusters.find(edge.b)];
    if (ra === rb) {
      for (const self of [edge.a, edge.b]) if (!strongest.has(self)) strongest.set(self, edge);
      continue;
    }
    const reason = reviewReason(edge, contested, refused, thresholds);
    const key = ra < rb ? `${ra}:${rb}` : `${rb}:${ra}`;
    if (
      reason &&
      !reviewByPair.has(key) &&
      clusters.conflict(edge.a, edge.b) !== 'STEWARD_SAID_DIFFERENT'
    ) {
      reviewByPair.set(key, {
        recordA: edge.a,
        recordB: edge.b,
        reason,
        explanation: explain(edge.a, edge.b),
      });
    }
  }
  const links: RecordLink[] = [];
  groups.forEach((members, cluster) => {
    for (const record of members) {
      const edge = strongest.get(record);
      const other = edge ? (edge.a === record ? edge.b : edge.a) : null;
      links[record] = {
        cluster,
        status: confirmed.has(record)
          ? 'CONFIRMED'
          : !edge
            ? 'UNLINKED'
            : edge.weight === Infinity
              ? 'RULE'
              : 'MODEL',
        match:
          edge && other !== null ? { otherRecord: other, probability: edge.probability } : null,
      };
    }
  });
  return { clusters: groups, links, reviews: [...reviewByPair.values()] };
}

function reviewReason(
  edge: Edge,
  contested: Set<number>,
  refused: Set<Edge>,
  thresholds: LinkageThresholds,
): ReviewReason | null {
  if (contested.has(edge.a) || contested.has(edge.b)) return 'CONTESTED';
  if (refused.has(edge)) return 'CONFLICTING_IDENTIFIERS';
  return edge.probability < thresholds.link ? 'UNCERTAIN' : null;
}
