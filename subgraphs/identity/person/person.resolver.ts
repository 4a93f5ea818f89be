import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { parseIdentifier } from '../../../lib/identifiers';
import type { IdentityContext } from '../context';
import {
  ClaimantReference,
  PrisonerReference,
  ProbationCaseReference,
  SupportRecordReference,
} from './linked-records';
import { LinkedRecordKind, PersonLink } from './person-link.entity';
import { Person } from './person.entity';

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'One person by hub id; null if unknown.' })
  person(@Arg('id', () => ID) id: string, @Ctx() context: IdentityContext): Promise<Person | null> {
    return context.loaders.personById.load(parseIdentifier('uuid', 'id', id));
  }

  @FieldResolver(() => [PersonLink], {
    description: 'Every native record linked to this person, with how sure the hub is and why.',
  })
  links(@Root() person: Person, @Ctx() context: IdentityContext): Promise<PersonLink[]> {
    return context.loaders.linksByPersonId.load(person.id);
  }

  @FieldResolver(() => ClaimantReference, { nullable: true, description: 'Their DWP record.' })
  async claimant(@Root() person: Person, @Ctx() context: IdentityContext) {
    const [nino] = await linkedIds(person, LinkedRecordKind.DWP_CLAIMANT, context);
    return nino ? { nino } : null;
  }

  @FieldResolver(() => PrisonerReference, { nullable: true, description: 'Their prison record.' })
  async prisoner(@Root() person: Person, @Ctx() context: IdentityContext) {
    const [prisonNumber] = await linkedIds(person, LinkedRecordKind.MOJ_PRISONER, context);
    return prisonNumber ? { prisonNumber } : null;
  }

  @FieldResolver(() => ProbationCaseReference, {
    nullable: true,
    description: 'Their probation case.',
  })
  async probationCase(@Root() person: Person, @Ctx() context: IdentityContext) {
    const [crn] = await linkedIds(person, LinkedRecordKind.MOJ_PROBATION_CASE, context);
    return crn ? { crn } : null;
  }

  @FieldResolver(() => [SupportRecordReference], { description: 'Charity support records.' })
  async supportRecords(@Root() person: Person, @Ctx() context: IdentityContext) {
    const ids = await linkedIds(person, LinkedRecordKind.VCS_SUPPORT_RECORD, context);
    return ids.map((id) => ({ id }));
  }
}

async function linkedIds(person: Person, kind: LinkedRecordKind, context: IdentityContext) {
  const links = await context.loaders.linksByPersonId.load(person.id);
  return links.filter((link) => link.recordKind === kind).map((link) => link.recordId);
}

export const personReference = {
  Person: {
    __resolveReference: (reference: { id: string }, context: IdentityContext) =>
      context.loaders.personById.load(reference.id),
  },
};
