import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

export enum PrisonActivity {
  WORKSHOP = 'WORKSHOP',
  INDUSTRIES = 'INDUSTRIES',
  KITCHEN = 'KITCHEN',
  LAUNDRY = 'LAUNDRY',
  GARDENS = 'GARDENS',
  WING_CLEANER = 'WING_CLEANER',
  EDUCATION_ORDERLY = 'EDUCATION_ORDERLY',
  PEER_MENTOR = 'PEER_MENTOR',
}
registerEnumType(PrisonActivity, { name: 'PrisonActivity', description: 'Kind of prison work.' });

export enum PayBand {
  BAND_1 = 'BAND_1',
  BAND_2 = 'BAND_2',
  BAND_3 = 'BAND_3',
}
registerEnumType(PayBand, { name: 'PayBand', description: 'Prison pay band.' });

@ObjectType({ description: 'A job held inside prison during a custody period.' })
@Entity('prison_work_placement')
export class PrisonWorkPlacement {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String)
  @Column({ name: 'custody_period_id', type: 'varchar', length: 36 })
  custodyPeriodId!: string;

  @Field(() => PrisonActivity)
  @Column({ type: 'varchar', length: 20 })
  activity!: PrisonActivity;

  @Field(() => String, { description: 'The role, e.g. Kitchen assistant.' })
  @Column({ type: 'varchar', length: 100 })
  role!: string;

  @Field(() => PayBand)
  @Column({ name: 'pay_band', type: 'varchar', length: 10 })
  payBand!: PayBand;

  @Field(() => DateScalar)
  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;
}
