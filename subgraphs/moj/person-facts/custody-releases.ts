import type { DataSource } from 'typeorm';
import type { CustodyRelease } from './custody-release.type';
import { queryByKeys } from '../../../lib/bundle';

/** The latest custody period of each prisoner by reception date (ties by id), with its prison. */
const sql = (list: string) => `
  SELECT "prisonNumber", "receptionDate", "releaseDate", "expectedReleaseDate", "releaseType",
      e."code" AS "establishmentCode", e."name" AS "establishmentName"
    FROM (SELECT "prison_number" AS "prisonNumber", "establishment_code",
        CAST("reception_date" AS VARCHAR(10)) AS "receptionDate",
        CAST("release_date" AS VARCHAR(10)) AS "releaseDate",
        CAST("expected_release_date" AS VARCHAR(10)) AS "expectedReleaseDate",
        "release_type" AS "releaseType",
        ROW_NUMBER() OVER (PARTITION BY "prison_number"
          ORDER BY "reception_date" DESC, "id" DESC) AS "position"
      FROM "custody_period" WHERE "prison_number" IN ${list}) "latest"
    JOIN "establishment" e ON e."code" = "latest"."establishment_code"
    WHERE "position" = 1`;

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
