import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { ConsentScope } from '../consent/consent.entity';
import { Referral } from '../referral/referral.entity';
import { supportWithdrawnSql } from '../support-record/charity-caseload.resolver';
import { OPEN_REFERRAL_STATUSES } from '../support-record/sharing';

@Directive('@inaccessible')
@ObjectType({ description: "An open referral to one of a charity's services, for its caseload." })
export class CaseloadReferral {
  @Field(() => ID)
  supportRecordId!: string;

  @Field(() => ID)
  referralId!: string;

  @Field(() => String, { description: 'IPS_EMPLOYMENT_SUPPORT, MENTORING, …' })
  serviceKind!: string;

  @Field(() => String)
  serviceName!: string;

  @Field(() => String, { description: 'PENDING or ACTIVE.' })
  status!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  referredOn!: string;
}

/**
 * Every open referral to one of the organisation's services, on a support record it holds, whose
 * person has not withdrawn consent to employment support by `on` (the open-referral half of the
 * caseload rule), in one statement.
 */
export function caseloadReferrals(
  database: DataSource,
  organisation: string,
  on: string,
): Promise<CaseloadReferral[]> {
  return database
    .getRepository(Referral)
    .createQueryBuilder('referral')
    .innerJoin('charity_service', 'service', 'service.id = referral.service_id')
    .innerJoin('support_record', 'record', 'record.id = referral.support_record_id')
    .select('record.id', 'supportRecordId')
    .addSelect('referral.id', 'referralId')
    .addSelect('service.kind', 'serviceKind')
    .addSelect('service.name', 'serviceName')
    .addSelect('referral.status', 'status')
    .addSelect('CAST(referral.referred_on AS VARCHAR(10))', 'referredOn')
    .where('service.organisation_id = :organisation')
    .andWhere('record.organisation_id = :organisation')
    .andWhere('referral.status IN (:...open)')
    .andWhere(`NOT ${supportWithdrawnSql('record')}`)
    .setParameters({
      organisation,
      on,
      support: ConsentScope.EMPLOYMENT_SUPPORT,
      open: OPEN_REFERRAL_STATUSES,
    })
    .orderBy('record.id')
    .addOrderBy('referral.referred_on')
    .addOrderBy('referral.id')
    .getRawMany<CaseloadReferral>();
}
