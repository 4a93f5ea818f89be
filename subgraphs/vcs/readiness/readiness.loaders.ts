import type { DataSource } from 'typeorm';
import { rowsByKey } from '../../../lib/loaders';
import type { ReadinessItemKind, ReadinessStatus } from './readiness.entity';
import type { ReferralStatus } from '../referral/referral.entity';
import { queryByKeys } from '../../../lib/bundle';

/**
 * What `SupportRecord.readiness` is made from, for one support record: the latest recording of
 * each item (`RECORDED`), and each referral (`REFERRAL`), from which the referral item is derived.
 */
export type ReadinessRow =
  | {
      origin: 'RECORDED';
      supportRecordId: string;
      item: ReadinessItemKind;
      status: ReadinessStatus;
      recordedBy: string;
      recordedAt: string;
      note: string | null;
    }
  | {
      origin: 'REFERRAL';
      supportRecordId: string;
      status: ReferralStatus;
      referredOn: string;
      acceptedOn: string | null;
    };

interface RawRow {
  origin: ReadinessRow['origin'];
  supportRecordId: string;
  item: string | null;
  status: string;
  recordedBy: string | null;
  recordedAt: string;
  acceptedOn: string | null;
  note: string | null;
}

/**
 * Both parts for many support records in ONE statement (a UNION ALL), the same SQL on SQLite and
 * PostgreSQL: the latest row of each item (ties in time broken by the time-ordered id), then the
 * referrals. Dates are cast to text so that both branches have the same column types.
 */
function readinessSql(ids: string): string {
  return `SELECT 'RECORDED' AS "origin", "supportRecordId", "item", "status", "recordedBy",
      "recordedAt", NULL AS "acceptedOn", "note"
    FROM (SELECT "support_record_id" AS "supportRecordId", "item", "status",
        "recorded_by" AS "recordedBy", "recorded_at" AS "recordedAt", "note",
        ROW_NUMBER() OVER (PARTITION BY "support_record_id", "item"
          ORDER BY "recorded_at" DESC, "id" DESC) AS "position"
      FROM "readiness_record" WHERE "support_record_id" IN ${ids}) "latest"
    WHERE "position" = 1
  UNION ALL
  SELECT 'REFERRAL', "support_record_id", NULL, "status", NULL,
      CAST("referred_on" AS VARCHAR(10)), CAST("accepted_on" AS VARCHAR(10)), NULL
    FROM "referral" WHERE "support_record_id" IN ${ids}`;
}

function fromRaw(row: RawRow): ReadinessRow {
  if (row.origin === 'REFERRAL') {
    return {
      origin: 'REFERRAL',
      supportRecordId: row.supportRecordId,
      status: row.status as ReferralStatus,
      referredOn: row.recordedAt,
      acceptedOn: row.acceptedOn,
    };
  }
  return {
    origin: 'RECORDED',
    supportRecordId: row.supportRecordId,
    item: row.item as ReadinessItemKind,
    status: row.status as ReadinessStatus,
    recordedBy: row.recordedBy as string,
    recordedAt: row.recordedAt,
    note: row.note,
  };
}

/** What the readiness of each of `ids` is made from, in one statement. */
async function readinessRows(database: DataSource, ids: string[]): Promise<ReadinessRow[]> {
  const rows = await queryByKeys<RawRow>(database, ids, readinessSql);
  return rows.map(fromRaw);
}

export function createReadinessLoaders(database: DataSource) {
  return {
    /** What each support record's readiness is made from, in one statement for all of them. */
    readinessRowsBySupportRecord: rowsByKey(
      (ids: string[]) => readinessRows(database, ids),
      (row) => row.supportRecordId,
    ),
  };
}
