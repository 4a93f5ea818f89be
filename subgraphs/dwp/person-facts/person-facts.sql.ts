import type { DataSource } from 'typeorm';
import { engineOf, parameters } from '../../../lib/audit/sql';

/** A claimant asked about, with their latest Universal Credit claim if any. */
export interface LatestUniversalCreditRow {
  nino: string;
  status: string | null;
  claimDate: string | null;
  startedInCustody: boolean;
}

/** One dated row behind the timeline; which columns are set depends on `kind`. */
export interface TimelineRow {
  kind:
    | 'UC_CLAIM'
    | 'FIRST_PAYMENT'
    | 'JOBCENTRE_APPOINTMENT'
    | 'PROGRAMME_REFERRAL'
    | 'PROGRAMME_START'
    | 'JOB_START';
  id: string;
  nino: string;
  date: string;
  /** The benefit, appointment kind, programme or sector. */
  subject: string;
  attendance: string | null;
  startedInCustody: boolean;
  advancePayment: boolean;
  sustained13Weeks: boolean;
  sustained26Weeks: boolean;
}

type Raw<T> = { [K in keyof T]: T[K] extends boolean ? number | boolean | null : T[K] };

// SQLite answers 0/1 (or null where a branch has no such column), PostgreSQL true/false.
const truth = (value: number | boolean | null) => value === true || value === 1;

// PostgreSQL types each UNION of the chain in turn: a column that is NULL in the first two
// branches would become text, and not match the booleans of a later one.
const NO_FLAG = 'CAST(NULL AS BOOLEAN)';

// Dates are cast to text: PostgreSQL's driver would otherwise make Date objects of them.
const day = (column: string) => `CAST(${column} AS VARCHAR(10))`;

/**
 * `IN (…)` over the NINOs for each of `branches` parts of one statement: PostgreSQL reuses
 * $1…$n, SQLite binds its `?` again for each part (the timeline's six parts of MAX_FACT_KEYS
 * make 30,000, under SQLite's limit of 32,766; the tests ask for that many).
 */
function ninoLists(database: DataSource, ninos: string[], branches: number) {
  const engine = engineOf(database);
  return {
    list: `(${parameters(engine, ninos.length)})`,
    values: engine === 'postgres' ? ninos : Array.from({ length: branches }).flatMap(() => ninos),
  };
}

/** Each asked-for claimant that exists, with their latest UC claim (by claim date, then id). */
export async function latestUniversalCredit(
  database: DataSource,
  ninos: string[],
): Promise<LatestUniversalCreditRow[]> {
  const { list, values } = ninoLists(database, ninos, 2);
  const rows = (await database.query(
    `SELECT "claimant"."nino" AS "nino", "latest"."status" AS "status",
        ${day('"latest"."claim_date"')} AS "claimDate",
        "latest"."started_in_custody" AS "startedInCustody"
      FROM "claimant"
      LEFT JOIN (SELECT "nino", "status", "claim_date", "started_in_custody",
          ROW_NUMBER() OVER (PARTITION BY "nino" ORDER BY "claim_date" DESC, "id" DESC)
            AS "position"
        FROM "benefit_claim"
        WHERE "benefit" = 'UNIVERSAL_CREDIT' AND "nino" IN ${list}) "latest"
        ON "latest"."nino" = "claimant"."nino" AND "latest"."position" = 1
      WHERE "claimant"."nino" IN ${list}
      ORDER BY "claimant"."nino"`,
    values,
  )) as Raw<LatestUniversalCreditRow>[];
  return rows.map((row) => ({ ...row, startedInCustody: truth(row.startedInCustody) }));
}

/** Every dated event of the asked-for claimants, one branch of the UNION ALL per kind. */
export async function timelineRows(database: DataSource, ninos: string[]): Promise<TimelineRow[]> {
  const { list, values } = ninoLists(database, ninos, 6);
  const rows = (await database.query(
    `SELECT 'UC_CLAIM' AS "kind", "id", "nino", ${day('"claim_date"')} AS "date",
        "benefit" AS "subject", NULL AS "attendance", "started_in_custody" AS "startedInCustody",
        "advance_payment" AS "advancePayment", ${NO_FLAG} AS "sustained13Weeks",
        ${NO_FLAG} AS "sustained26Weeks"
      FROM "benefit_claim" WHERE "nino" IN ${list}
    UNION ALL
    SELECT 'FIRST_PAYMENT', "id", "nino", ${day('"first_payment_date"')}, "benefit", NULL,
        NULL, NULL, NULL, NULL
      FROM "benefit_claim" WHERE "first_payment_date" IS NOT NULL AND "nino" IN ${list}
    UNION ALL
    SELECT 'JOBCENTRE_APPOINTMENT', "id", "nino", ${day('"date"')}, "kind", "attendance",
        NULL, NULL, NULL, NULL
      FROM "jobcentre_appointment" WHERE "nino" IN ${list}
    UNION ALL
    SELECT 'PROGRAMME_REFERRAL', "id", "nino", ${day('"referred_on"')}, "programme", NULL,
        NULL, NULL, NULL, NULL
      FROM "programme_referral" WHERE "nino" IN ${list}
    UNION ALL
    SELECT 'PROGRAMME_START', "id", "nino", ${day('"started_on"')}, "programme", NULL,
        NULL, NULL, NULL, NULL
      FROM "programme_referral" WHERE "started_on" IS NOT NULL AND "nino" IN ${list}
    UNION ALL
    SELECT 'JOB_START', "id", "nino", ${day('"job_start_date"')}, "sector", NULL, NULL, NULL,
        "sustained_13_weeks", "sustained_26_weeks"
      FROM "employment_outcome" WHERE "nino" IN ${list}`,
    values,
  )) as Raw<TimelineRow>[];
  return rows.map((row) => ({
    ...row,
    startedInCustody: truth(row.startedInCustody),
    advancePayment: truth(row.advancePayment),
    sustained13Weeks: truth(row.sustained13Weeks),
    sustained26Weeks: truth(row.sustained26Weeks),
  }));
}
