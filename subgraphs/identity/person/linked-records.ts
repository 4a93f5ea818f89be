import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { IdentityContext } from '../context';
import { LinkedRecordKind } from './person-link.entity';
import { Person } from './person.entity';

// The other controllers' entities, as identity knows them: by key, and whose they are. The
// gateway fetches every other field from the subgraph that owns the record.

@Directive('@key(fields: "nino")')
@ObjectType('Claimant')
export class ClaimantReference {
  @Field(() => String)
  nino!: string;
}

@Directive('@key(fields: "prisonNumber")')
@ObjectType('Prisoner')
export class PrisonerReference {
  @Field(() => String)
  prisonNumber!: string;
}

@Directive('@key(fields: "crn")')
@ObjectType('ProbationCase')
export class ProbationCaseReference {
  @Field(() => String)
  crn!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('SupportRecord')
export class SupportRecordReference {
  @Field(() => ID)
  id!: string;
}

async function personOf(context: IdentityContext, kind: LinkedRecordKind, id: string) {
  const link = await context.loaders.personIdByRecord[kind].load(id);
  return link ? context.loaders.personById.load(link.personId) : null;
}

const PERSON = {
  nullable: true,
  description: 'The person this record belongs to, with all their other linked records.',
};

@Resolver(() => ClaimantReference)
export class ClaimantPersonResolver {
  @FieldResolver(() => Person, PERSON)
  person(@Root() claimant: ClaimantReference, @Ctx() context: IdentityContext) {
    return personOf(context, LinkedRecordKind.DWP_CLAIMANT, claimant.nino);
  }
}

@Resolver(() => PrisonerReference)
export class PrisonerPersonResolver {
  @FieldResolver(() => Person, PERSON)
  person(@Root() prisoner: PrisonerReference, @Ctx() context: IdentityContext) {
    return personOf(context, LinkedRecordKind.MOJ_PRISONER, prisoner.prisonNumber);
  }
}

@Resolver(() => ProbationCaseReference)
export class ProbationCasePersonResolver {
  @FieldResolver(() => Person, PERSON)
  person(@Root() probationCase: ProbationCaseReference, @Ctx() context: IdentityContext) {
    return personOf(context, LinkedRecordKind.MOJ_PROBATION_CASE, probationCase.crn);
  }
}

@Resolver(() => SupportRecordReference)
export class SupportRecordPersonResolver {
  @FieldResolver(() => Person, PERSON)
  person(@Root() record: SupportRecordReference, @Ctx() context: IdentityContext) {
    return personOf(context, LinkedRecordKind.VCS_SUPPORT_RECORD, String(record.id));
  }
}

/** A record named by its key alone: identity answers for whose it is. */
export const linkedRecordReferences = {
  Claimant: { __resolveReference: (r: { nino: string }) => ({ nino: r.nino }) },
  Prisoner: {
    __resolveReference: (r: { prisonNumber: string }) => ({ prisonNumber: r.prisonNumber }),
  },
  ProbationCase: { __resolveReference: (r: { crn: string }) => ({ crn: r.crn }) },
  SupportRecord: { __resolveReference: (r: { id: string }) => ({ id: r.id }) },
};
