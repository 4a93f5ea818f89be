import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

export enum SupportService {
  IPS_EMPLOYMENT_SUPPORT = 'IPS_EMPLOYMENT_SUPPORT',
  MENTORING = 'MENTORING',
  CV_AND_DISCLOSURE_ADVICE = 'CV_AND_DISCLOSURE_ADVICE',
  THROUGH_THE_GATE = 'THROUGH_THE_GATE',
  TRAINING = 'TRAINING',
}

export enum SupportStatus {
  REFERRED = 'REFERRED',
  ENGAGED = 'ENGAGED',
  COMPLETED = 'COMPLETED',
  CLOSED = 'CLOSED',
}

registerEnumType(SupportService, { name: 'SupportService', description: 'What a charity offers.' });
registerEnumType(SupportStatus, {
  name: 'SupportStatus',
  description: 'Where the support stands.',
});

@Directive('@key(fields: "id")')
@ObjectType({ description: "A charity's record of supporting one person through one service." })
@Entity('support_record')
export class SupportRecord {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String, { description: 'The charity providing the support.' })
  @Column({ name: 'organisation_name', type: 'varchar', length: 200 })
  organisationName!: string;

  @Field(() => SupportService)
  @Column({ type: 'varchar', length: 40 })
  service!: SupportService;

  @Field(() => SupportStatus)
  @Column({ type: 'varchar', length: 20 })
  status!: SupportStatus;

  @Field(() => DateScalar)
  @Column({ name: 'referred_on', type: 'date' })
  referredOn!: string;

  // As typed at a drop-in; kept for identity matching, not offered to readers.
  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName!: string;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  postcode!: string | null;
}
