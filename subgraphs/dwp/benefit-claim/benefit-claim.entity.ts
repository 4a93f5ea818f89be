import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';
import { Benefit, ClaimStatus } from './benefit-claim.enums';

@ObjectType({ description: 'One claim to a DWP benefit.' })
@Entity('benefit_claim')
export class BenefitClaim {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String, { description: 'The claimant, by National Insurance number.' })
  @Column({ type: 'varchar', length: 9 })
  nino!: string;

  @Field(() => Benefit)
  @Column({ type: 'varchar', length: 40 })
  benefit!: Benefit;

  @Field(() => DateScalar)
  @Column({ name: 'claim_date', type: 'date' })
  claimDate!: string;

  @Field(() => Boolean, { description: 'Claim made in custody before release (advance claim).' })
  @Column({ name: 'started_in_custody', type: 'boolean' })
  startedInCustody!: boolean;

  @Field(() => Boolean, { description: 'An advance on the first payment was paid.' })
  @Column({ name: 'advance_payment', type: 'boolean' })
  advancePayment!: boolean;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'first_payment_date', type: 'date', nullable: true })
  firstPaymentDate!: string | null;

  @Field(() => ClaimStatus)
  @Column({ type: 'varchar', length: 40 })
  status!: ClaimStatus;
}
