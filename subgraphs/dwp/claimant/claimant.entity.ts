import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';
import { UpdatedAtColumn } from '../../../lib/updated-at';

@Directive('@key(fields: "nino")')
@ObjectType({ description: 'A person DWP knows by National Insurance number.' })
@Entity('claimant')
export class Claimant {
  @Field(() => String, { description: 'National Insurance number, e.g. QQ123456C.' })
  @PrimaryColumn({ type: 'varchar', length: 9 })
  nino!: string;

  @Field(() => String)
  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Field(() => String)
  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName!: string;

  @Field(() => DateScalar)
  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth!: string;

  @Field(() => String, { nullable: true, description: 'Postcode on the claim.' })
  @Column({ type: 'varchar', length: 8, nullable: true })
  postcode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The Jobcentre office that holds the claim.',
  })
  @Column({ name: 'jobcentre', type: 'varchar', length: 100, nullable: true })
  jobcentre!: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the assigned work coach, if any.' })
  @Column({ name: 'work_coach_id', type: 'varchar', length: 36, nullable: true })
  workCoachId!: string | null;

  // Not in the GraphQL type: only the identity feed reads it.
  @UpdatedAtColumn()
  updatedAt!: string;
}
