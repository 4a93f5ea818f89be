import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';
import { EmploymentProgramme, ProgrammeReferralStatus } from './programme-referral.enums';

@ObjectType({ description: 'A referral of a claimant to a DWP employment programme.' })
@Entity('programme_referral')
export class ProgrammeReferral {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String, { description: 'The claimant, by National Insurance number.' })
  @Column({ type: 'varchar', length: 9 })
  nino!: string;

  @Field(() => EmploymentProgramme)
  @Column({ type: 'varchar', length: 40 })
  programme!: EmploymentProgramme;

  @Field(() => DateScalar)
  @Column({ name: 'referred_on', type: 'date' })
  referredOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Null until the claimant starts.' })
  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn!: string | null;

  @Field(() => ProgrammeReferralStatus)
  @Column({ type: 'varchar', length: 40 })
  status!: ProgrammeReferralStatus;
}
