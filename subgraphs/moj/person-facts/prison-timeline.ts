import type { DataSource } from 'typeorm';
import type { TimelineFact } from '../../../lib/person-facts';
import { isTrue, queryByKeys } from './fact-keys';
import { ACTIVITY, LEVEL, RELEASE_TYPE, ROTL_PURPOSE, inWords } from './timeline-summaries';

type Kind = 'RECEPTION' | 'RELEASE' | 'ROTL_START' | 'COURSE_COMPLETED' | 'PRISON_WORK_START';

interface Row {
  kind: Kind;
  rowId: string;
  recordId: string;
  date: string;
  /** The prison, or the employer for a temporary licence. */
  place: string | null;
  /** The release type, the licence's purpose, the course's subject or the work's role. */
  what: string | null;
  /** The course's level or the work's activity. */
  detail: string | null;
  paid: boolean | number | null;
}

/**
 * Every dated event of the prisoners' custody periods, one branch a kind. The first branch types
 * its NULLs: PostgreSQL matches a chain of UNIONs pair by pair, and two untyped NULLs make text.
 */
const sql = (list: string) => `
  SELECT 'RECEPTION' AS "kind", c."id" AS "rowId", c."prison_number" AS "recordId",
      CAST(c."reception_date" AS VARCHAR(10)) AS "date", e."name" AS "place",
      CAST(NULL AS VARCHAR(200)) AS "what", CAST(NULL AS VARCHAR(100)) AS "detail",
      CAST(NULL AS BOOLEAN) AS "paid"
    FROM "custody_period" c JOIN "establishment" e ON e."code" = c."establishment_code"
    WHERE c."prison_number" IN ${list}
  UNION ALL
  SELECT 'RELEASE', c."id", c."prison_number", CAST(c."release_date" AS VARCHAR(10)), e."name",
      c."release_type", NULL, NULL
    FROM "custody_period" c JOIN "establishment" e ON e."code" = c."establishment_code"
    WHERE c."prison_number" IN ${list} AND c."release_date" IS NOT NULL
  UNION ALL
  SELECT 'ROTL_START', r."id", c."prison_number", CAST(r."start_date" AS VARCHAR(10)),
      r."employer_name", r."purpose", NULL, r."paid"
    FROM "release_on_temporary_licence" r JOIN "custody_period" c ON c."id" = r."custody_period_id"
    WHERE c."prison_number" IN ${list}
  UNION ALL
  SELECT 'COURSE_COMPLETED', o."id", c."prison_number", CAST(o."end_date" AS VARCHAR(10)), NULL,
      o."subject", o."level", NULL
    FROM "education_course" o JOIN "custody_period" c ON c."id" = o."custody_period_id"
    WHERE c."prison_number" IN ${list} AND o."achieved" = TRUE AND o."end_date" IS NOT NULL
  UNION ALL
  SELECT 'PRISON_WORK_START', w."id", c."prison_number", CAST(w."start_date" AS VARCHAR(10)),
      NULL, w."role", w."activity", NULL
    FROM "prison_work_placement" w JOIN "custody_period" c ON c."id" = w."custody_period_id"
    WHERE c."prison_number" IN ${list}`;

function summary(row: Row): string {
  switch (row.kind) {
    case 'RECEPTION':
      return `Received into ${row.place}`;
    case 'RELEASE': {
      const how = inWords(RELEASE_TYPE, row.what);
      return `Released from ${row.place}${how ? ` (${how})` : ''}`;
    }
    case 'ROTL_START': {
      const employer = row.place ? ` with ${row.place}` : '';
      const pay = isTrue(row.paid) ? 'paid' : 'unpaid';
      return `Started release on temporary licence for ${inWords(ROTL_PURPOSE, row.what)}${employer} (${pay})`;
    }
    case 'COURSE_COMPLETED':
      return `Completed ${row.what} (${inWords(LEVEL, row.detail)})`;
    case 'PRISON_WORK_START':
      return `Started prison work: ${row.what} (${inWords(ACTIVITY, row.detail)})`;
  }
}

const ID: Record<Kind, (rowId: string) => string> = {
  RECEPTION: (id) => `custody:${id}:reception`,
  RELEASE: (id) => `custody:${id}:release`,
  ROTL_START: (id) => `rotl:${id}:start`,
  COURSE_COMPLETED: (id) => `course:${id}:completed`,
  PRISON_WORK_START: (id) => `work:${id}:start`,
};

// In code-unit order: a database collation may ignore the ids' punctuation.
const byDateThenId = (a: TimelineFact, b: TimelineFact) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The prisoners' custody events, by date then id, in one statement. */
export async function prisonTimeline(
  database: DataSource,
  prisonNumbers: string[],
): Promise<TimelineFact[]> {
  if (!prisonNumbers.length) return [];
  const rows = await queryByKeys<Row>(database, prisonNumbers, sql);
  return rows
    .map((row) => ({
      id: ID[row.kind](row.rowId),
      recordId: row.recordId,
      kind: row.kind,
      date: row.date,
      summary: summary(row),
    }))
    .sort(byDateThenId);
}
