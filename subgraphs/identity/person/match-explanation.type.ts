import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({
  description: "One field's part in a match: how alike it was, and what that was worth.",
})
export class MatchReasonType {
  @Field(() => String, { description: 'givenName, familyName, dateOfBirth, postcode, nino, …' })
  field!: string;

  @Field(() => String, { description: 'EXACT, NICKNAME, DAY_MONTH_SWAPPED, SECTOR, DIFFERENT, …' })
  level!: string;

  @Field(() => Float, { description: 'Evidence in bits: positive for, negative against.' })
  weight!: number;
}

@ObjectType({ description: 'Why the hub thinks two records are the same person.' })
export class MatchExplanationType {
  @Field(() => Float)
  probability!: number;

  @Field(() => Float, { description: 'The prior plus every field, in bits.' })
  matchWeight!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Set when a deterministic rule decided (a trusted identifier agreed).',
  })
  rule!: string | null;

  @Field(() => [MatchReasonType])
  reasons!: MatchReasonType[];

  @Field(() => Boolean)
  namesSwapped!: boolean;

  @Field(() => Boolean)
  matchedAlias!: boolean;
}
