import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

@ObjectType({ description: 'Another name (and perhaps date of birth) a prisoner has used.' })
@Entity('prisoner_alias')
export class PrisonerAlias {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String)
  @Column({ name: 'prison_number', type: 'varchar', length: 7 })
  prisonNumber!: string;

  @Field(() => String)
  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Field(() => String)
  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth!: string | null;
}
