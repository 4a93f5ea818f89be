import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

export enum OutcomeKind {
  JOB_START = 'JOB_START',
  TRAINING_START = 'TRAINING_START',
  JOB_SUSTAINED_13_WEEKS = 'JOB_SUSTAINED_13_WEEKS',
  JOB_SUSTAINED_26_WEEKS = 'JOB_SUSTAINED_26_WEEKS',
}

registerEnumType(OutcomeKind, { name: 'OutcomeKind', description: 'What a person achieved.' });

@ObjectType({ description: 'A result a charity recorded for the person it supports.' })
@Entity('support_outcome')
export class SupportOutcome {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID)
  @Column({ name: 'support_record_id', type: 'varchar', length: 36 })
  supportRecordId!: string;

  @Field(() => OutcomeKind)
  @Column({ type: 'varchar', length: 30 })
  kind!: OutcomeKind;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  date!: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'employer_id', type: 'varchar', length: 36, nullable: true })
  employerId!: string | null;
}
