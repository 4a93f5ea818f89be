import 'reflect-metadata';
import { AUDIT_ENTITIES } from '../../lib/audit/audit-entry.entity';
import { AuditLog } from '../../lib/audit/audit-log';
import type { SubgraphSettings } from '../../lib/config';
import { closeDatabase, createDataSource } from '../../lib/database';
import { coordinatorRead } from './audit';

/**
 * A second process appending to an audit log, for the concurrency tests:
 * `node -r ./test/support/register-ts.js test/support/audit-append-child.ts SETTINGS CALLS TAG`
 * makes CALLS append calls of two entries each, one after another, then prints "done".
 */
async function main() {
  const [settingsJson, calls, tag] = process.argv.slice(2);
  const settings = JSON.parse(settingsJson) as SubgraphSettings;
  const database = createDataSource({ entities: AUDIT_ENTITIES, migrations: [] }, settings);
  await database.initialize();
  try {
    const log = new AuditLog(database);
    for (let i = 0; i < Number(calls); i++)
      await log.append([
        coordinatorRead(`${tag}-${i}`, [`${tag}${i}`]),
        coordinatorRead(`${tag}-${i}`, []),
      ]);
  } finally {
    await closeDatabase(database);
  }
  process.stdout.write('done\n');
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
