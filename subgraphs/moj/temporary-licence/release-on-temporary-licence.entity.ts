import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

export enum TemporaryLicencePurpose {
  PAID_WORK = 'PAID_WORK',
  UNPAID_WORK = 'UNPAID_WORK',
  TRAINING = 'TRAINING',
  RESETTLEMENT_DAY = 'RESETTLEMENT_DAY',
}
registerEnumType(TemporaryLicencePurpose, {
  name: 'TemporaryLicencePurpose',
  description: 'Why a prisoner was let out on temporary licence.',
});

@ObjectType({ description: 'Release on temporary licence (ROTL) during a custody period.' })
@Entity('release_on_temporary_licence')
export class ReleaseOnTemporaryLicence {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String)
  @Column({ name: 'custody_period_id', type: 'varchar', length: 36 })
  custodyPeriodId!: string;

  @Field(() => TemporaryLicencePurpose)
  @Column({ type: 'varchar', length: 20 })
  purpose!: TemporaryLicencePurpose;

  @Field(() => String, { nullable: true })
  @Column({ name: 'employer_name', type: 'varchar', length: 200, nullable: true })
  employerName!: string | null;

  @Field(() => DateScalar)
  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean' })
  paid!: boolean;
}
