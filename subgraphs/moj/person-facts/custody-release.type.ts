import { Directive, Field, ObjectType } from 'type-graphql';

@Directive('@inaccessible')
@ObjectType({
  description:
    "For the identity service: a prisoner's latest custody period, where and how it ended.",
})
export class CustodyRelease {
  @Field(() => String)
  prisonNumber!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  receptionDate!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null while in custody.' })
  releaseDate!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  expectedReleaseDate!: string | null;

  @Field(() => String, { nullable: true, description: 'A ReleaseType; null until released.' })
  releaseType!: string | null;

  @Field(() => String)
  establishmentCode!: string;

  @Field(() => String)
  establishmentName!: string;
}
