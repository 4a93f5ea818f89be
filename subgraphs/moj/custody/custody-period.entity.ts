import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';
import { OffenceCategory, ReleaseType, SentenceBand } from './custody.enums';

@ObjectType({ description: 'One spell in custody: from reception at a prison to release.' })
@Entity('custody_period')
export class CustodyPeriod {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String)
  @Column({ name: 'prison_number', type: 'varchar', length: 7 })
  prisonNumber!: string;

  @Field(() => String)
  @Column({ name: 'establishment_code', type: 'varchar', length: 3 })
  establishmentCode!: string;

  @Field(() => DateScalar)
  @Column({ name: 'reception_date', type: 'date' })
  receptionDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Null while still in custody.' })
  @Column({ name: 'release_date', type: 'date', nullable: true })
  releaseDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'expected_release_date', type: 'date', nullable: true })
  expectedReleaseDate!: string | null;

  @Field(() => ReleaseType, { nullable: true, description: 'Null until released.' })
  @Column({ name: 'release_type', type: 'varchar', length: 40, nullable: true })
  releaseType!: ReleaseType | null;

  @Field(() => SentenceBand, { nullable: true })
  @Column({ name: 'sentence_band', type: 'varchar', length: 40 })
  sentenceBand!: SentenceBand;

  @Field(() => OffenceCategory, {
    nullable: true,
    description: 'Restricted: only subject access sees it.',
  })
  @Column({ name: 'offence_category', type: 'varchar', length: 40 })
  offenceCategory!: OffenceCategory;
}
