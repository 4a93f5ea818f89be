import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

export enum QualificationLevel {
  ENTRY_LEVEL = 'ENTRY_LEVEL',
  LEVEL_1 = 'LEVEL_1',
  LEVEL_2 = 'LEVEL_2',
  LEVEL_3 = 'LEVEL_3',
}
registerEnumType(QualificationLevel, {
  name: 'QualificationLevel',
  description: 'Regulated qualification level of a course.',
});

@ObjectType({ description: 'A course studied in prison during a custody period.' })
@Entity('education_course')
export class EducationCourse {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String)
  @Column({ name: 'custody_period_id', type: 'varchar', length: 36 })
  custodyPeriodId!: string;

  @Field(() => String, { description: 'e.g. CSCS health and safety.' })
  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Field(() => QualificationLevel)
  @Column({ type: 'varchar', length: 20 })
  level!: QualificationLevel;

  @Field(() => DateScalar)
  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Null while the course is in progress.' })
  @Column({ type: 'boolean', nullable: true })
  achieved!: boolean | null;
}
