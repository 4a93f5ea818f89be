import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

export enum ReferralSource {
  PRISON = 'PRISON',
  PROBATION = 'PROBATION',
  JOBCENTRE = 'JOBCENTRE',
  SELF = 'SELF',
  OTHER_CHARITY = 'OTHER_CHARITY',
}

export enum ReferralStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ReferralSource, { name: 'ReferralSource', description: 'Who made a referral.' });
registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'Where a referral stands.',
});

@ObjectType({ description: 'A referral of one person to one charity service.' })
@Entity('referral')
export class Referral {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID)
  @Column({ name: 'support_record_id', type: 'varchar', length: 36 })
  supportRecordId!: string;

  @Field(() => ID)
  @Column({ name: 'service_id', type: 'varchar', length: 36 })
  serviceId!: string;

  @Field(() => ReferralSource)
  @Column({ type: 'varchar', length: 20 })
  source!: ReferralSource;

  @Field(() => DateScalar)
  @Column({ name: 'referred_on', type: 'date' })
  referredOn!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'accepted_on', type: 'date', nullable: true })
  acceptedOn!: string | null;

  @Field(() => ReferralStatus)
  @Column({ type: 'varchar', length: 20 })
  status!: ReferralStatus;
}
