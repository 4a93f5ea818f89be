import { Field, InputType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import { CustodyPeriod } from '../custody/custody-period.entity';
import { parseEstablishmentCode } from '../establishment/establishment-code';
import { type Prisoner, Sex } from './prisoner.entity';

@InputType({ description: 'Narrows a list of prisoners; every field given must match.' })
export class PrisonerFilter {
  @Field(() => String, {
    nullable: true,
    description: 'The prison of their latest custody period (held there now or released from it).',
  })
  establishmentCode?: string | null;

  @Field(() => Sex, { nullable: true })
  sex?: Sex | null;
}

/** Adds the filter's conditions to a query over `prisoner`. */
export function filterPrisoners(
  query: SelectQueryBuilder<Prisoner>,
  filter: PrisonerFilter | null,
) {
  if (filter?.sex) query.andWhere('prisoner.sex = :sex', { sex: filter.sex });
  if (filter?.establishmentCode) {
    const code = parseEstablishmentCode('establishmentCode', filter.establishmentCode);
    // The latest period is the one no other period of theirs was received after (ties: by id),
    // the same order Prisoner.latestCustodyPeriod uses.
    query.andWhere((outer) => {
      const later = outer
        .subQuery()
        .select('1')
        .from(CustodyPeriod, 'later')
        .where('later.prisonNumber = latest.prisonNumber')
        .andWhere(
          '(later.receptionDate > latest.receptionDate OR ' +
            '(later.receptionDate = latest.receptionDate AND later.id > latest.id))',
        );
      const latest = outer
        .subQuery()
        .select('1')
        .from(CustodyPeriod, 'latest')
        .where('latest.prisonNumber = prisoner.prisonNumber')
        .andWhere('latest.establishmentCode = :code', { code })
        .andWhere(`NOT EXISTS ${later.getQuery()}`);
      return `EXISTS ${latest.getQuery()}`;
    });
  }
}
