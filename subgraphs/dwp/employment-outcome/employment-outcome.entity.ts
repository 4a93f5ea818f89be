import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';
import { EarningsBand, HoursBand } from './employment-outcome.enums';
import { Sector } from './sector.enum';

@ObjectType({ description: 'A job a claimant started, as DWP recorded it.' })
@Entity('employment_outcome')
export class EmploymentOutcome {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String, { description: 'The claimant, by National Insurance number.' })
  @Column({ type: 'varchar', length: 9 })
  nino!: string;

  @Field(() => DateScalar)
  @Column({ name: 'job_start_date', type: 'date' })
  jobStartDate!: string;

  @Field(() => Sector)
  @Column({ type: 'varchar', length: 40 })
  sector!: Sector;

  @Field(() => HoursBand, { nullable: true })
  @Column({ name: 'hours_band', type: 'varchar', length: 40 })
  hoursBand!: HoursBand;

  @Field(() => EarningsBand, { nullable: true })
  @Column({ name: 'earnings_band', type: 'varchar', length: 40 })
  earningsBand!: EarningsBand;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Still in work at 13 weeks; null: not yet known.',
  })
  @Column({ name: 'sustained_13_weeks', type: 'boolean', nullable: true })
  sustained13Weeks!: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Still in work at 26 weeks; null: not yet known.',
  })
  @Column({ name: 'sustained_26_weeks', type: 'boolean', nullable: true })
  sustained26Weeks!: boolean | null;
}
