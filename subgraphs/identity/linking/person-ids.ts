import { createHash } from 'node:crypto';

/**
 * Ids for this run's clusters (each a list of record keys) that stay the same where the
 * cluster is the same: a cluster takes the previous id most of its records had, larger clusters
 * choosing first; a new cluster gets an id derived from its smallest record key.
 */
export function assignPersonIds(clusters: string[][], previous: ReadonlyMap<string, string>) {
  const ids: string[] = new Array(clusters.length);
  const taken = new Set<string>();
  const order = clusters
    .map((_, i) => i)
    .sort((a, b) => clusters[b].length - clusters[a].length || a - b);
  for (const cluster of order) {
    const votes = new Map<string, number>();
    for (const record of clusters[cluster]) {
      const id = previous.get(record);
      if (id && !taken.has(id)) votes.set(id, (votes.get(id) ?? 0) + 1);
    }
    const [best] = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    ids[cluster] = best?.[0] ?? freshId([...clusters[cluster]].sort()[0], taken);
    taken.add(ids[cluster]);
  }
  return ids;
}

/** A UUID (version 5 layout) from a record key, so a fresh cluster's id is reproducible. */
export function freshId(firstRecord: string, taken: ReadonlySet<string> = new Set()): string {
  for (let attempt = 0; ; attempt++) {
    const seed = attempt ? `person:${firstRecord}#${attempt}` : `person:${firstRecord}`;
    const hex = createHash('sha256').update(seed).digest('hex');
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    if (!taken.has(id)) return id;
  }
}
