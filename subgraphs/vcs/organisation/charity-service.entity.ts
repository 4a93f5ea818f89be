import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum ServiceKind {
  IPS_EMPLOYMENT_SUPPORT = 'IPS_EMPLOYMENT_SUPPORT',
  MENTORING = 'MENTORING',
  CV_AND_DISCLOSURE_LETTER = 'CV_AND_DISCLOSURE_LETTER',
  THROUGH_THE_GATE = 'THROUGH_THE_GATE',
  TRAINING = 'TRAINING',
}

registerEnumType(ServiceKind, {
  name: 'ServiceKind',
  description: 'What a charity service offers.',
});

@ObjectType({ description: 'One service an organisation runs.' })
@Entity('charity_service')
export class CharityService {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID)
  @Column({ name: 'organisation_id', type: 'varchar', length: 36 })
  organisationId!: string;

  @Field(() => ServiceKind)
  @Column({ type: 'varchar', length: 40 })
  kind!: ServiceKind;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  name!: string;
}
