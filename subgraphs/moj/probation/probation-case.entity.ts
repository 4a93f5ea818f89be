import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';

@Directive('@key(fields: "crn")')
@ObjectType({
  description: "A person's case with the Probation Service, by case reference number.",
})
@Entity('probation_case')
export class ProbationCase {
  @Field(() => String, { description: 'Case reference number, e.g. X123456.' })
  @PrimaryColumn({ type: 'varchar', length: 7 })
  crn!: string;

  @Field(() => String)
  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Field(() => String)
  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName!: string;

  @Field(() => DateScalar)
  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth!: string;

  @Field(() => String, { nullable: true, description: 'Probation practitioner to contact.' })
  @Column({ name: 'practitioner_name', type: 'varchar', length: 100, nullable: true })
  practitionerName!: string | null;

  @Field(() => String, { nullable: true, description: 'Probation region holding the case.' })
  @Column({ name: 'probation_region', type: 'varchar', length: 100, nullable: true })
  probationRegion!: string | null;
}
