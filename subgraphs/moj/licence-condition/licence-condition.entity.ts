import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

export enum LicenceConditionKind {
  NO_WORK_WITH_CHILDREN = 'NO_WORK_WITH_CHILDREN',
  NO_WORK_WITH_VULNERABLE_ADULTS = 'NO_WORK_WITH_VULNERABLE_ADULTS',
  EXCLUSION_ZONE = 'EXCLUSION_ZONE',
  CURFEW = 'CURFEW',
  NON_ASSOCIATION = 'NON_ASSOCIATION',
  RESIDE_AT_APPROVED_PREMISES = 'RESIDE_AT_APPROVED_PREMISES',
  DISCLOSE_NEW_EMPLOYMENT = 'DISCLOSE_NEW_EMPLOYMENT',
  DRUG_TESTING = 'DRUG_TESTING',
}
registerEnumType(LicenceConditionKind, {
  name: 'LicenceConditionKind',
  description: 'The kind of condition on a licence.',
});

@ObjectType({ description: 'A condition of a licence supervised by probation.' })
@Entity('licence_condition')
export class LicenceCondition {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 7 })
  crn!: string;

  @Field(() => LicenceConditionKind)
  @Column({ type: 'varchar', length: 40 })
  kind!: LicenceConditionKind;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500 })
  description!: string;

  @Field(() => Boolean, { description: 'Whether it limits what work the person can do.' })
  @Column({ name: 'restricts_work', type: 'boolean' })
  restrictsWork!: boolean;

  @Field(() => DateScalar)
  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;
}
