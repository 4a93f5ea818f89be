import type { ReadinessFact } from '../../../lib/person-facts';
import { UPDATED_AT_EPOCH } from '../../../lib/updated-at';
import type { ProbationCaseRecord } from '../probation/probation-case.bundle';
import { AccommodationStatus } from '../probation/probation.enums';
import { ResettlementStatus } from '../resettlement/resettlement-item.entity';

const { SETTLED, APPROVED_PREMISES, TEMPORARY } = AccommodationStatus;

function housingStatus(accommodation: string | null): ResettlementStatus {
  if (accommodation === SETTLED || accommodation === APPROVED_PREMISES)
    return ResettlementStatus.COMPLETED;
  if (accommodation === TEMPORARY) return ResettlementStatus.IN_PROGRESS;
  return ResettlementStatus.NOT_STARTED;
}

/**
 * HOUSING_ON_RELEASE for each existing probation case, in the order of the records: settled or
 * approved premises is done, temporary is under way, anything else not started. Probation
 * records no author for it; the time is the case's last change, when it has one.
 */
export const probationReadiness = (records: ProbationCaseRecord[]): ReadinessFact[] =>
  records.flatMap(({ crn, probationCase }) => {
    if (!probationCase) return [];
    const { accommodationOnRelease: accommodation, updatedAt } = probationCase;
    return {
      recordId: crn,
      item: 'HOUSING_ON_RELEASE',
      status: housingStatus(accommodation),
      detail: accommodation,
      recordedBy: null,
      recordedAt: updatedAt && updatedAt !== UPDATED_AT_EPOCH ? updatedAt : null,
    };
  });
