import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'One human, as the hub resolves them across DWP, MoJ and charities.' })
@Entity('person')
export class Person {
  @Field(() => ID, { description: "The hub's own id for this person." })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

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
