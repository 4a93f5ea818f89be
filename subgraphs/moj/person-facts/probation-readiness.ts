import type { DataSource } from 'typeorm';
import type { ReadinessFact } from '../../../lib/person-facts';
import { UPDATED_AT_EPOCH } from '../../../lib/updated-at';
import { AccommodationStatus } from '../probation/probation.enums';
import { ProbationCase } from '../probation/probation-case.entity';
import { ResettlementStatus } from '../resettlement/resettlement-item.entity';

const { SETTLED, APPROVED_PREMISES, TEMPORARY } = AccommodationStatus;

function housingStatus(accommodation: string | null): ResettlementStatus {
  if (accommodation === SETTLED || accommodation === APPROVED_PREMISES)
    return ResettlementStatus.COMPLETED;
  if (accommodation === TEMPORARY) return ResettlementStatus.IN_PROGRESS;
  return ResettlementStatus.NOT_STARTED;
}

/**
 * HOUSING_ON_RELEASE for each existing probation case, in the order asked, in one statement:
 * settled or approved premises is done, temporary is under way, anything else not started.
 * Probation records no author for it; the time is the case's last change, when it has one.
 */
export async function probationReadiness(
  database: DataSource,
  crns: string[],
): Promise<ReadinessFact[]> {
  if (!crns.length) return [];
  const rows = await database
    .getRepository(ProbationCase)
    .createQueryBuilder('probation')
    .select('probation.crn', 'crn')
    .addSelect('probation.accommodationOnRelease', 'accommodation')
    .addSelect('probation.updatedAt', 'updatedAt')
    .where('probation.crn IN (:...crns)', { crns })
    .getRawMany<{ crn: string; accommodation: string | null; updatedAt: string | null }>();
  const byCrn = new Map(rows.map((row) => [row.crn, row]));
  return crns.flatMap((crn) => {
    const row = byCrn.get(crn);
    if (!row) return [];
    return {
      recordId: crn,
      item: 'HOUSING_ON_RELEASE',
      status: housingStatus(row.accommodation),
      detail: row.accommodation,
      recordedBy: null,
      recordedAt: row.updatedAt && row.updatedAt !== UPDATED_AT_EPOCH ? row.updatedAt : null,
    };
  });
}
