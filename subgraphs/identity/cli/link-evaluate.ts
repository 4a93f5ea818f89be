import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../../lib/config';
import { closeDatabase, openDatabase } from '../../../lib/database';
import { createIdentityDatabase } from '../database';
import { type PairwiseQuality, pairwiseQuality } from '../linking/evaluation';
import {
  loadAssignment,
  loadDecisions,
  loadSourceRecords,
  readState,
} from '../linking/linkage-store';
import { DEFAULT_THRESHOLDS, linkRecords } from '../linking/linker';
import type { ModelParameters } from '../linking/model';
import { recordKey } from '../linking/source-record';
import { UsageError, parseFlags, runCli } from './run-cli';

const USAGE = 'usage: npm run link:evaluate -- [--truth FILE] [--bands]';
const BANDS = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999];

/** `source:id` → person key, from the seed's truth CSV (person_key,source,source_id). */
async function readTruth(file: string): Promise<Map<string, string>> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(
      `cannot read the truth file ${file}: run the seed first, or pass --truth.`,
    );
  });
  const [header, ...lines] = text.trimEnd().split('\n');
  if (header !== 'person_key,source,source_id')
    throw new UsageError(`${file} is not a seed truth file (its header is "${header}").`);
  return new Map(
    lines.map((line) => {
      const [person, source, sourceId] = line.split(',');
      return [`${source}:${sourceId}`, person];
    }),
  );
}

const format = (label: string, q: PairwiseQuality) =>
  `${label.padEnd(22)} precision ${q.precision.toFixed(4)}  recall ${q.recall.toFixed(4)}  ` +
  `F1 ${q.f1.toFixed(4)}  (pairs: ${q.correctPairs} right of ${q.predictedPairs} linked, ${q.truePairs} true)`;

/** Re-clusters the stored records with the stored parameters at each link threshold. */
async function bands(database: DataSource, truth: Map<string, string>): Promise<string[]> {
  const parameters = await readState<ModelParameters>(database, 'model');
  if (!parameters) return ['no model parameters stored yet: link first'];
  const [records, decisions] = await Promise.all([
    loadSourceRecords(database),
    loadDecisions(database),
  ]);
  return BANDS.map((link) => {
    const thresholds = {
      ...DEFAULT_THRESHOLDS,
      link,
      review: Math.min(link, DEFAULT_THRESHOLDS.review),
    };
    const linkage = linkRecords(records, decisions, thresholds, parameters);
    const predicted = new Map<string, string>();
    linkage.clusters.forEach((members, c) =>
      members.forEach((r) => predicted.set(recordKey(records[r]), String(c))),
    );
    return `${format(`link at >= ${link}`, pairwiseQuality(truth, predicted))}  reviews ${linkage.reviews.length}`;
  });
}

async function main() {
  const flags = { truth: { type: 'string' }, bands: { type: 'boolean' } } as const;
  const values = parseFlags(() => parseArgs({ options: flags }), USAGE);
  const config = loadConfig();
  const truth = await readTruth(values.truth ?? path.join(config.dataDir, 'truth.csv'));
  const database = await openDatabase(createIdentityDatabase(config.subgraphs.identity));
  try {
    const assignment = await loadAssignment(database);
    if (!assignment.size)
      throw new UsageError(
        'identity holds no links yet: start the hub (or wait for it to link) first.',
      );
    process.stdout.write(`${format('links as they stand', pairwiseQuality(truth, assignment))}\n`);
    if (values.bands)
      for (const line of await bands(database, truth)) process.stdout.write(`${line}\n`);
  } finally {
    await closeDatabase(database);
  }
}

runCli('link:evaluate', main);
