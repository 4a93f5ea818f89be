import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';
import { UpdatedAtColumn } from '../../../lib/updated-at';
import { AccommodationStatus, EteStatus, RiskLevel } from './probation.enums';

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

  @Field(() => String, { nullable: true, description: 'Police National Computer number.' })
  @Column({ name: 'pnc_number', type: 'varchar', length: 13, nullable: true })
  pncNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The prison number probation holds.' })
  @Column({ name: 'prison_number', type: 'varchar', length: 7, nullable: true })
  prisonNumber!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 9, nullable: true })
  nino!: string | null;

  @Field(() => String, { nullable: true, description: 'Probation practitioner to contact.' })
  @Column({ name: 'practitioner_name', type: 'varchar', length: 100, nullable: true })
  practitionerName!: string | null;

  @Field(() => String, { nullable: true, description: 'Probation region holding the case.' })
  @Column({ name: 'probation_region', type: 'varchar', length: 100, nullable: true })
  probationRegion!: string | null;

  @Field(() => RiskLevel, {
    nullable: true,
    description: 'Restricted: only subject access sees it.',
  })
  @Column({ name: 'risk_level', type: 'varchar', length: 10 })
  riskLevel!: RiskLevel;

  @Field(() => AccommodationStatus, { nullable: true })
  @Column({ name: 'accommodation_on_release', type: 'varchar', length: 20 })
  accommodationOnRelease!: AccommodationStatus;

  @Field(() => EteStatus, { nullable: true, description: 'Null until due.' })
  @Column({ name: 'ete_status_at_release', type: 'varchar', length: 30, nullable: true })
  eteStatusAtRelease!: EteStatus | null;

  @Field(() => EteStatus, { nullable: true, description: 'Null until due.' })
  @Column({ name: 'ete_status_at_6_weeks', type: 'varchar', length: 30, nullable: true })
  eteStatusAt6Weeks!: EteStatus | null;

  @Field(() => EteStatus, { nullable: true, description: 'Null until due.' })
  @Column({ name: 'ete_status_at_6_months', type: 'varchar', length: 30, nullable: true })
  eteStatusAt6Months!: EteStatus | null;

  // Not in the GraphQL type: only the identity feed reads it.
  @UpdatedAtColumn()
  updatedAt!: string;
}
