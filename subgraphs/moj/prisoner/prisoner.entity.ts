import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';
import { UpdatedAtColumn } from '../../../lib/updated-at';

export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}
registerEnumType(Sex, { name: 'Sex', description: 'Sex as recorded by the prison.' });

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

  @Field(() => Sex, { nullable: true })
  @Column({ type: 'varchar', length: 6 })
  sex!: Sex;

  @Field(() => String, {
    nullable: true,
    description: 'NINO as the prison recorded it: often missing, sometimes wrong.',
  })
  @Column({ type: 'varchar', length: 9, nullable: true })
  nino!: string | null;

  // Not in the GraphQL type: only the identity feed reads it.
  @UpdatedAtColumn()
  updatedAt!: string;
}
