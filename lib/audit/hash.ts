import { createHash } from 'node:crypto';
import type { AuditEntry } from './audit-entry.entity';

/** Everything a row's hash covers: every column but the hash itself. */
export type HashedFields = Omit<AuditEntry, 'hash'>;

/**
 * The canonical form of a row: a JSON array of its columns in a fixed order. JSON.stringify
 * writes numbers, strings and arrays of strings one way only, so the same row always gives the
 * same bytes on every engine and every Node version.
 */
export function canonicalAuditRow(row: HashedFields): string {
  return JSON.stringify([
    row.seq,
    row.at,
    row.subject,
    row.role,
    row.organisation,
    row.purpose,
    row.requestId,
    row.entityType,
    row.entityKeys,
    row.fields,
    row.prevHash,
  ]);
}

/** sha256, hex, of the row's canonical form. */
export function auditHash(row: HashedFields): string {
  return createHash('sha256').update(canonicalAuditRow(row), 'utf8').digest('hex');
}
