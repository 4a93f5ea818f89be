/** Pairwise precision, recall and F1 of a clustering against the truth, by record key. */
export interface PairwiseQuality {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairsIn = (size: number) => (size * (size - 1)) / 2;

/**
 * `truth` and `predicted` each map a record key to its cluster. Records absent from
 * `predicted` count as alone; records absent from `truth` are ignored.
 */
export function pairwiseQuality(
  truth: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): PairwiseQuality {
  const truthSizes = new Map<string, number>();
  const predictedSizes = new Map<string, number>();
  const overlap = new Map<string, number>();
  for (const [record, person] of truth) {
    const cluster = predicted.get(record) ?? `alone:${record}`;
    truthSizes.set(person, (truthSizes.get(person) ?? 0) + 1);
    predictedSizes.set(cluster, (predictedSizes.get(cluster) ?? 0) + 1);
    const both = `${person}\u0000${cluster}`;
    overlap.set(both, (overlap.get(both) ?? 0) + 1);
  }
  const sum = (sizes: Map<string, number>) =>
    [...sizes.values()].reduce((total, size) => total + pairsIn(size), 0);
  const [truePairs, predictedPairs, correctPairs] = [
    sum(truthSizes),
    sum(predictedSizes),
    sum(overlap),
  ];
  const precision = predictedPairs ? correctPairs / predictedPairs : 1;
  const recall = truePairs ? correctPairs / truePairs : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}
