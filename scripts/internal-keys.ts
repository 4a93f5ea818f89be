/**
 * `npm run --silent internal-keys -- <directory>`: writes a fresh internal-token key file for
 * each service, holding only the keys that service needs, and says which goes where.
 */
import path from 'node:path';
import { keysNeeded, writeKeyFiles } from '../lib/auth/internal-keys';
import { ConfigError } from '../lib/config';
import { SERVICE_NAMES } from '../lib/subgraphs';

const USAGE = `Usage: npm run --silent internal-keys -- <directory>

Writes <service>.internal-keys.json for ${SERVICE_NAMES.join(', ')} into <directory> (made if
absent; files mode 0600). Give each service its own file as INTERNAL_TOKEN_KEYS_FILE.`;

function main(args: string[]): number {
  if (args.length !== 1 || ['-h', '--help'].includes(args[0]) || args[0].trim() === '') {
    const help = args.length === 1 && ['-h', '--help'].includes(args[0]);
    (help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return help ? 0 : 2;
  }
  try {
    const files = writeKeyFiles(path.resolve(args[0]));
    for (const service of SERVICE_NAMES) {
      const holds = keysNeeded(service).join(', ');
      process.stdout.write(`${service}: INTERNAL_TOKEN_KEYS_FILE=${files[service]} (${holds})\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`Could not write the key files: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
