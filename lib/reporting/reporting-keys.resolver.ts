import { Arg, Ctx, Directive, Int, Mutation, Resolver, type ClassType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { bulkInsert } from '../bulk-sql';
import { badUserInput } from '../errors';
import { ReportingKey } from './reporting-key.entity';

/** Most keys one call may set: a million people's records arrive in a few hundred calls. */
export const MAX_REPORTING_KEYS = 10_000;
const PERSON_KEY = /^[0-9a-f]{20,32}$/;

/**
 * Every controller has these two: @shareable lets them compose, and @inaccessible keeps them off
 * the gateway; identity calls each controller directly.
 *
 * The identity service's two writes into a controller's reporting keys: set some (a whole
 * generation arrives in slices), then remove every key an older generation set and this one
 * did not (a record no longer linked, or linked to someone else, keeps no stale key).
 */
export function reportingKeysResolver(recordKinds: readonly string[]): ClassType {
  @Resolver()
  class ReportingKeysResolver {
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Mutation(() => Int, {
      description:
        "For the identity service: sets the pseudonymous person key of each of this controller's " +
        'records named (recordIds[i] gets personKeys[i]); returns how many were set.',
    })
    async putReportingKeys(
      @Arg('generation', () => Int) generation: number,
      @Arg('recordKind', () => String) recordKind: string,
      @Arg('recordIds', () => [String]) recordIds: string[],
      @Arg('personKeys', () => [String]) personKeys: string[],
      @Ctx() context: { database: DataSource },
    ): Promise<number> {
      checkKeys(recordKinds, recordKind, recordIds, personKeys);
      const rows = recordIds.map((recordId, i) => ({
        recordKind,
        recordId,
        personKey: personKeys[i],
        generation,
      }));
      await context.database.transaction((manager) =>
        bulkInsert(manager, ReportingKey, rows, { upsertOn: ['recordKind', 'recordId'] }),
      );
      return rows.length;
    }

    @Directive('@shareable')
    @Directive('@inaccessible')
    @Mutation(() => Int, {
      description:
        'For the identity service: removes the keys set by generations before this one; returns ' +
        'how many went.',
    })
    async pruneReportingKeys(
      @Arg('generation', () => Int) generation: number,
      @Ctx() context: { database: DataSource },
    ): Promise<number> {
      const result = await context.database
        .createQueryBuilder()
        .delete()
        .from(ReportingKey)
        .where('generation < :generation', { generation })
        .execute();
      return result.affected ?? 0;
    }
  }
  return ReportingKeysResolver;
}

function checkKeys(kinds: readonly string[], kind: string, ids: string[], keys: string[]) {
  if (!kinds.includes(kind)) {
    throw badUserInput('recordKind', `This controller holds ${kinds.join(', ')}, not ${kind}.`);
  }
  if (ids.length !== keys.length) {
    throw badUserInput('personKeys', 'Give one person key for each record id, in the same order.');
  }
  if (ids.length > MAX_REPORTING_KEYS) {
    throw badUserInput('recordIds', `At most ${MAX_REPORTING_KEYS} keys a call.`);
  }
  const bad = keys.findIndex((key) => !PERSON_KEY.test(key));
  if (bad >= 0) throw badUserInput('personKeys', `personKeys[${bad}] is not a person key.`);
}
