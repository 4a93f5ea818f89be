import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

export enum EngagementKind {
  INITIAL_ASSESSMENT = 'INITIAL_ASSESSMENT',
  ONE_TO_ONE = 'ONE_TO_ONE',
  GROUP_SESSION = 'GROUP_SESSION',
  MENTORING_SESSION = 'MENTORING_SESSION',
  CV_WORKSHOP = 'CV_WORKSHOP',
  EMPLOYER_INTRODUCTION = 'EMPLOYER_INTRODUCTION',
  IN_PRISON_VISIT = 'IN_PRISON_VISIT',
}

registerEnumType(EngagementKind, {
  name: 'EngagementKind',
  description: 'What kind of contact a charity had with a person.',
});

@ObjectType({ description: 'One contact between a charity and the person it supports.' })
@Entity('engagement')
export class Engagement {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID)
  @Column({ name: 'support_record_id', type: 'varchar', length: 36 })
  supportRecordId!: string;

  @Field(() => ID, { nullable: true, description: 'The referral this contact was under, if any.' })
  @Column({ name: 'referral_id', type: 'varchar', length: 36, nullable: true })
  referralId!: string | null;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  date!: string;

  @Field(() => EngagementKind)
  @Column({ type: 'varchar', length: 30 })
  kind!: EngagementKind;

  // Sensitive: exposed for now, access rules come later.
  @Field(() => String, { nullable: true, description: "The worker's notes (sensitive)." })
  @Column({ type: 'text' })
  notes!: string;
}
