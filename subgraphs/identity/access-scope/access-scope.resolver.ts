import { randomUUID } from 'node:crypto';
import {
  Arg,
  Ctx,
  Directive,
  Field,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { IsNull } from 'typeorm';
import { ErrorCode, badUserInput, hubError } from '../../../lib/errors';
import { RECORD_KIND } from '../linking/source-record';
import type { IdentityContext } from '../context';
import { PersonLink } from '../person/person-link.entity';
import { AccessRestriction } from './access-restriction.entity';
import { splitRecordKey } from './scope-lookup';

@Directive('@inaccessible')
@ObjectType({ description: 'For the controllers: which records of one kind a request may see.' })
export class RecordScopeEntry {
  @Field(() => String)
  kind!: string;

  @Field(() => [String], { nullable: true, description: 'Only these, when set.' })
  only!: string[] | null;

  @Field(() => [String], { description: 'Never these.' })
  except!: string[];
}

@Resolver()
export class AccessScopeResolver {
  @Directive('@inaccessible')
  @Query(() => [RecordScopeEntry], {
    description: "For the controllers: the scope of the request's user over each kind of record.",
  })
  async accessScope(
    @Arg('kinds', () => [String]) kinds: string[],
    @Ctx() context: IdentityContext,
  ): Promise<RecordScopeEntry[]> {
    const scopes = await context.scopeLookup(context.request, kinds.slice(0, 10));
    return Object.entries(scopes).map(([kind, scope]) => ({
      kind,
      only: scope.only && [...scope.only],
      except: [...scope.except],
    }));
  }

  @Query(() => [AccessRestriction], { description: 'Restrictions in force, newest first.' })
  accessRestrictions(@Ctx() context: IdentityContext): Promise<AccessRestriction[]> {
    return context.database.getRepository(AccessRestriction).find({
      where: { liftedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
  }

  @Mutation(() => AccessRestriction, {
    description:
      'Only the users named may see this person at all, from their next request. Set on one of ' +
      'their records (e.g. prison:A1234BC), so it follows them if their records are re-linked.',
  })
  async restrictAccess(
    @Arg('recordKey', () => String) recordKey: string,
    @Arg('reason', () => String) reason: string,
    @Arg('allowedSubjects', () => [String]) allowedSubjects: string[],
    @Ctx() context: IdentityContext,
  ): Promise<AccessRestriction> {
    const restriction: AccessRestriction = {
      id: randomUUID(),
      recordKey: await knownRecordKey(context, recordKey),
      reason: checkedText('reason', reason, 500),
      allowedSubjects: checkedSubjects(allowedSubjects),
      createdBy: context.request.caller.subject,
      createdAt: new Date().toISOString(),
      liftedBy: null,
      liftedAt: null,
    };
    await context.database.getRepository(AccessRestriction).insert(restriction);
    return restriction;
  }

  @Mutation(() => AccessRestriction, { description: 'Ends a restriction; the record of it stays.' })
  async liftAccessRestriction(
    @Arg('id', () => ID) id: string,
    @Ctx() context: IdentityContext,
  ): Promise<AccessRestriction> {
    const repository = context.database.getRepository(AccessRestriction);
    const restriction = await repository.findOneBy({ id: String(id) });
    if (!restriction || restriction.liftedAt)
      throw hubError(ErrorCode.NOT_FOUND, 'No restriction in force has that id.');
    restriction.liftedBy = context.request.caller.subject;
    restriction.liftedAt = new Date().toISOString();
    const { affected } = await repository.update(
      { id: restriction.id, liftedAt: IsNull() },
      { liftedBy: restriction.liftedBy, liftedAt: restriction.liftedAt },
    );
    if (affected === 0) throw hubError(ErrorCode.NOT_FOUND, 'No restriction in force has that id.');
    return restriction;
  }
}

async function knownRecordKey(context: IdentityContext, key: string): Promise<string> {
  const [source, id] = splitRecordKey(key.trim());
  const kind = RECORD_KIND[source];
  if (!kind || !id)
    throw badUserInput('recordKey', 'recordKey must be a record key like prison:A1234BC.');
  const found = await context.database
    .getRepository(PersonLink)
    .existsBy({ recordKind: kind, recordId: id });
  if (!found) throw hubError(ErrorCode.NOT_FOUND, 'recordKey names no record the hub holds.');
  return `${source}:${id}`;
}

function checkedText(argument: string, value: string, max: number): string {
  const text = value.trim();
  if (!text || text.length > max)
    throw badUserInput(argument, `${argument} must be from 1 to ${max} characters.`);
  return text;
}

function checkedSubjects(subjects: string[]): string[] {
  const named = [...new Set(subjects.map((s) => checkedText('allowedSubjects', s, 100)))];
  if (!named.length || named.length > 50)
    throw badUserInput('allowedSubjects', 'Name from 1 to 50 users who may still see the person.');
  return named;
}
