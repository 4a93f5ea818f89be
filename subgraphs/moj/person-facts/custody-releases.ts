import type { DataSource } from 'typeorm';
import type { CustodyRelease } from './custody-release.type';
import { queryByKeys } from '../../../lib/bundle';

/**
 * The latest custody period of each prisoner by reception date (ties by id), with its prison: a
 * correlated pick per prisoner, which IDX_custody_period_latest answers from the index alone.
 */
const sql = (list: string) => `
  SELECT p."prison_number" AS "prisonNumber",
      CAST(p."reception_date" AS VARCHAR(10)) AS "receptionDate",
      CAST(p."release_date" AS VARCHAR(10)) AS "releaseDate",
      CAST(p."expected_release_date" AS VARCHAR(10)) AS "expectedReleaseDate",
      p."release_type" AS "releaseType", e."code" AS "establishmentCode",
      e."name" AS "establishmentName"
    FROM "custody_period" p
    JOIN "establishment" e ON e."code" = p."establishment_code"
    WHERE p."prison_number" IN ${list}
      AND p."id" = (SELECT c."id" FROM "custody_period" c WHERE c."prison_number" = p."prison_number"
        ORDER BY c."reception_date" DESC, c."id" DESC LIMIT 1)`;

/** Each prisoner's latest custody period, in the order asked, in one statement. */
export async function custodyReleases(
  database: DataSource,
  prisonNumbers: string[],
): Promise<CustodyRelease[]> {
  if (!prisonNumbers.length) return [];
  const rows = await queryByKeys<CustodyRelease>(database, prisonNumbers, sql);
  const byPrisonNumber = new Map(rows.map((row) => [row.prisonNumber, row]));
  return prisonNumbers.flatMap((prisonNumber) => byPrisonNumber.get(prisonNumber) ?? []);
}
