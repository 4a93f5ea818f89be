import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../../lib/config';
import { closeDatabase, openDatabase } from '../../../lib/database';
import { createIdentityDatabase } from '../database';
import { SOURCE_OF_KIND } from '../linking/source-record';
import { PersonLink } from '../person/person-link.entity';
import { UsageError, parseFlags, runCli } from './run-cli';

const USAGE = 'usage: npm run links:export -- --out FILE';
const PAGE = 5000;

/** Writes every link as CSV: person_id,source,source_id,match_probability,status. */
async function main() {
  const values = parseFlags(() => parseArgs({ options: { out: { type: 'string' } } }), USAGE);
  if (!values.out) throw new UsageError(`--out FILE is required.\n${USAGE}`);
  const database = await openDatabase(createIdentityDatabase(loadConfig().subgraphs.identity));
  const partial = `${values.out}.partial`;
  const out = createWriteStream(partial);
  try {
    out.write('person_id,source,source_id,match_probability,status\n');
    let written = 0;
    for (let skip = 0; ; skip += PAGE) {
      const links = await database.getRepository(PersonLink).find({
        order: { personId: 'ASC', recordKind: 'ASC', recordId: 'ASC' },
        skip,
        take: PAGE,
      });
      for (const link of links) {
        const probability = link.matchProbability === null ? '' : link.matchProbability.toFixed(6);
        const line = `${link.personId},${SOURCE_OF_KIND[link.recordKind]},${link.recordId},${probability},${link.status}\n`;
        if (!out.write(line))
          await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      written += links.length;
      if (links.length < PAGE) break;
    }
    out.end();
    await finished(out);
    await rename(partial, values.out);
    process.stdout.write(`links:export: wrote ${written} links to ${values.out}\n`);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await closeDatabase(database);
  }
}

runCli('links:export', main);
