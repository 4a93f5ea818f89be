import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';
import { UpdatedAtColumn } from '../../../lib/updated-at';

@Directive('@key(fields: "id")')
@ObjectType({ description: "A charity's case file for one person at one organisation." })
@Entity('support_record')
export class SupportRecord {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID, { nullable: true })
  @Column({ name: 'organisation_id', type: 'varchar', length: 36 })
  organisationId!: string;

  @Field(() => String)
  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Field(() => String)
  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 8, nullable: true })
  postcode!: string | null;

  @Field(() => String, { nullable: true, description: 'National Insurance number, if given.' })
  @Column({ type: 'varchar', length: 9, nullable: true })
  nino!: string | null;

  @Field(() => String, { nullable: true, description: 'Prison number, if known.' })
  @Column({ name: 'prison_number', type: 'varchar', length: 7, nullable: true })
  prisonNumber!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'opened_on', type: 'date' })
  openedOn!: string;

  // Not in the GraphQL type: only the identity feed reads it.
  @UpdatedAtColumn()
  updatedAt!: string;
}
