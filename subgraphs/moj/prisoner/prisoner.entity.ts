import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

@Directive('@key(fields: "prisonNumber")')
@ObjectType({ description: 'A person HMPPS holds or has held in custody, by prison number.' })
@Entity('prisoner')
export class Prisoner {
  @Field(() => String, { description: 'Prison number (NOMIS number), e.g. A1234BC.' })
  @PrimaryColumn({ name: 'prison_number', type: 'varchar', length: 7 })
  prisonNumber!: string;

  @Field(() => String, { nullable: true, description: 'Police National Computer number.' })
  @Column({ name: 'pnc_number', type: 'varchar', length: 13, nullable: true })
  pncNumber!: string | null;

  @Field(() => String)
  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Field(() => String)
  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName!: string;

  @Field(() => DateScalar)
  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth!: string;

  @Field(() => String, { nullable: true, description: 'Establishment now or last held in.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  establishment!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Release date, actual or expected.' })
  @Column({ name: 'release_date', type: 'date', nullable: true })
  releaseDate!: string | null;
}
