import { Directive, Field, ID, ObjectType } from 'type-graphql';

// The other controllers' entities, as identity knows them: by key alone. The gateway fetches
// every other field from the subgraph that owns the record.

@Directive('@key(fields: "nino", resolvable: false)')
@ObjectType('Claimant')
export class ClaimantReference {
  @Field(() => String)
  nino!: string;
}

@Directive('@key(fields: "prisonNumber", resolvable: false)')
@ObjectType('Prisoner')
export class PrisonerReference {
  @Field(() => String)
  prisonNumber!: string;
}

@Directive('@key(fields: "crn", resolvable: false)')
@ObjectType('ProbationCase')
export class ProbationCaseReference {
  @Field(() => String)
  crn!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('SupportRecord')
export class SupportRecordReference {
  @Field(() => ID)
  id!: string;
}
