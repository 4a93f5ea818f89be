import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

export enum ConsentScope {
  EMPLOYMENT_SUPPORT = 'EMPLOYMENT_SUPPORT',
  SHARE_WITH_DWP = 'SHARE_WITH_DWP',
  SHARE_WITH_MOJ = 'SHARE_WITH_MOJ',
  SHARE_CASE_NOTES = 'SHARE_CASE_NOTES',
}

registerEnumType(ConsentScope, { name: 'ConsentScope', description: 'What a person agreed to.' });

@ObjectType({ description: 'A consent a person gave the charity, and whether they withdrew it.' })
@Entity('consent')
export class Consent {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID)
  @Column({ name: 'support_record_id', type: 'varchar', length: 36 })
  supportRecordId!: string;

  @Field(() => ConsentScope)
  @Column({ type: 'varchar', length: 30 })
  scope!: ConsentScope;

  @Field(() => DateScalar)
  @Column({ name: 'given_on', type: 'date' })
  givenOn!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn!: string | null;
}
