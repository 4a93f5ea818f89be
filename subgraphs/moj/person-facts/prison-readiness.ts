import type { DataSource } from 'typeorm';
import type { ReadinessFact } from '../../../lib/person-facts';
import { ResettlementItemKind, ResettlementStatus } from '../resettlement/resettlement-item.entity';
import { RightToWork } from '../resettlement/work-readiness.entity';
import { isTrue, queryByKeys } from './fact-keys';

interface Row {
  /** PRISONER: the prisoner, with its work readiness if any; ITEM: an item's latest recording. */
  kind: 'PRISONER' | 'ITEM';
  recordId: string;
  item: string | null;
  status: string | null;
  document: string | null;
  declined: boolean | number | null;
  recordedBy: string | null;
  recordedAt: string | null;
}

/** The prisoners asked about that exist, and the latest recording of each item (ties by id). */
const sql = (list: string) => `
  SELECT 'PRISONER' AS "kind", p."prison_number" AS "recordId", NULL AS "item",
      w."right_to_work" AS "status", NULL AS "document", w."support_declined" AS "declined",
      w."recorded_by" AS "recordedBy", w."recorded_at" AS "recordedAt"
    FROM "prisoner" p LEFT JOIN "work_readiness" w ON w."prison_number" = p."prison_number"
    WHERE p."prison_number" IN ${list}
  UNION ALL
  SELECT 'ITEM', "prison_number", "item", "status", "document", NULL, "recorded_by", "recorded_at"
    FROM (SELECT "prison_number", "item", "status", "document", "recorded_by", "recorded_at",
        ROW_NUMBER() OVER (PARTITION BY "prison_number", "item"
          ORDER BY "recorded_at" DESC, "id" DESC) AS "position"
      FROM "resettlement_item" WHERE "prison_number" IN ${list}) "latest"
    WHERE "position" = 1`;

const ITEMS = [ResettlementItemKind.ID, ResettlementItemKind.BANK_ACCOUNT];

const notStarted = (recordId: string, item: string): ReadinessFact => ({
  recordId,
  item,
  status: ResettlementStatus.NOT_STARTED,
  detail: null,
  recordedBy: null,
  recordedAt: null,
});

/**
 * ID and BANK_ACCOUNT as last recorded (not started if never); RIGHT_TO_WORK completed once
 * checked, with what the check found; SUPPORT only when the prisoner declined it.
 */
function factsOf(recordId: string, prisoner: Row, items: Row[]): ReadinessFact[] {
  const facts = ITEMS.map((item) => {
    const latest = items.find((row) => row.item === item);
    if (!latest) return notStarted(recordId, item);
    const { status, document, recordedBy, recordedAt } = latest;
    return { recordId, item, status: status as string, detail: document, recordedBy, recordedAt };
  });
  const { status: rightToWork, recordedBy, recordedAt } = prisoner;
  const checked = rightToWork === RightToWork.CONFIRMED || rightToWork === RightToWork.NONE;
  facts.push(
    checked
      ? {
          recordId,
          item: 'RIGHT_TO_WORK',
          status: ResettlementStatus.COMPLETED,
          detail: rightToWork,
          recordedBy,
          recordedAt,
        }
      : notStarted(recordId, 'RIGHT_TO_WORK'),
  );
  if (isTrue(prisoner.declined)) {
    facts.push({
      recordId,
      item: 'SUPPORT',
      status: ResettlementStatus.COMPLETED,
      detail: 'DECLINED',
      recordedBy,
      recordedAt,
    });
  }
  return facts;
}

/** Each existing prisoner's readiness facts, in the order asked, in one statement. */
export async function prisonReadiness(
  database: DataSource,
  prisonNumbers: string[],
): Promise<ReadinessFact[]> {
  if (!prisonNumbers.length) return [];
  const rows = await queryByKeys<Row>(database, prisonNumbers, sql);
  const prisoners = new Map<string, Row>();
  const items = new Map<string, Row[]>();
  for (const row of rows) {
    if (row.kind === 'PRISONER') prisoners.set(row.recordId, row);
    else items.set(row.recordId, [...(items.get(row.recordId) ?? []), row]);
  }
  return prisonNumbers.flatMap((recordId) => {
    const prisoner = prisoners.get(recordId);
    return prisoner ? factsOf(recordId, prisoner, items.get(recordId) ?? []) : [];
  });
}
