import { type GraphQLResolveInfo, defaultFieldResolver } from 'graphql';
import type { Purpose, RequestContext, Role } from '../auth/roles';
import { ErrorCode, hubError } from '../errors';
import { type RequestScopes, checkRowScope, reachesScoped, withinScope } from './scope';

/** Who may read a field: everyone in a role, or a role only while reading for one purpose. */
export type Grant = Role | `${Role}:${Purpose}`;

/** A further test for one field of one row: the reason to refuse it, or null to allow it. */
export type RowCondition<Row, Context> = (
  row: Row,
  context: Context,
) => string | null | Promise<string | null>;

/** One person-level type: how to name the record read (for the audit), and who reads each field. */
export interface TypeAccess<Row = never, Context = never> {
  key: (row: Row) => string;
  fields: Record<string, readonly Grant[]>;
  conditions?: Record<string, RowCondition<Row, Context>>;
  /**
   * Whose record a row is, for scoping: the RecordKind and key of the record it belongs to.
   * A row outside the request's scope is not there at all, for any field.
   */
  scope?: { kind: string; record: (row: Row) => string };
}

/**
 * A subgraph's rules. `roots`: root fields that reach person-level data, and who may call them
 * (a root field not listed serves reference data to any signed-in user). `types`: person-level
 * types by GraphQL name; a type not listed is reference data.
 */
export interface AccessPolicy {
  roots: Record<string, readonly Grant[]>;
  types: Record<string, TypeAccess>;
}

export function typeAccess<Row, Context = never>(access: TypeAccess<Row, Context>): TypeAccess {
  return access as unknown as TypeAccess;
}

export function isGranted(request: RequestContext, grants: readonly Grant[]): boolean {
  const { role } = request.caller;
  if (grants.includes(role)) return true;
  return request.purpose !== null && grants.includes(`${role}:${request.purpose}`);
}

/** What the access middleware needs from a subgraph's per-request context. */
export interface AccessContext {
  request: RequestContext;
  reads: PersonReads;
  /** The request's scopes, looked up once on first use (see scope.ts). */
  scopes: RequestScopes;
}

/** The person-level fields a request read, by type and record: what the audit writes. */
export class PersonReads {
  private readonly byRecord = new Map<
    string,
    { entityType: string; key: string; fields: Set<string> }
  >();

  record(entityType: string, key: string, field: string): void {
    const id = `${entityType}\u0000${key}`;
    const entry = this.byRecord.get(id) ?? { entityType, key, fields: new Set<string>() };
    entry.fields.add(field);
    this.byRecord.set(id, entry);
  }

  /** One entry per type and set of fields, with every record read that way. */
  drain(): { entityType: string; entityKeys: string[]; fields: string[] }[] {
    const grouped = new Map<
      string,
      { entityType: string; entityKeys: string[]; fields: string[] }
    >();
    for (const { entityType, key, fields } of this.byRecord.values()) {
      const list = [...fields].sort();
      const id = `${entityType}\u0000${list.join(',')}`;
      const group = grouped.get(id) ?? { entityType, entityKeys: [], fields: list };
      group.entityKeys.push(key);
      grouped.set(id, group);
    }
    this.byRecord.clear();
    return [...grouped.values()];
  }
}

/** No purpose, no person-level data. */
export function requirePurpose(request: RequestContext): void {
  if (request.purpose) return;
  throw hubError(
    ErrorCode.FORBIDDEN,
    'Declare why you are reading: send an X-Purpose header with one of the purposes your token allows.',
  );
}

export function forbiddenField(typeName: string, field: string, reason: string) {
  return hubError(ErrorCode.FORBIDDEN, `You may not see ${typeName}.${field}: ${reason}`, {
    field: `${typeName}.${field}`,
  });
}

type Resolve = (
  source: unknown,
  args: unknown,
  context: AccessContext,
  info: GraphQLResolveInfo,
) => unknown;

/** A subgraph's resolver map, as type-graphql makes it: type name → field name → resolver. */
export type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * Wraps the resolvers of every listed root field and every field of a person-level type in the
 * policy's check, on every path into them (root queries, nested fields and entity references
 * alike), and notes each read for the audit. A field the policy does not name stays closed.
 * Only these are wrapped: an identity feed's thousands of records a page pay nothing.
 */
export function guardResolvers(resolvers: ResolverMap, policy: AccessPolicy): void {
  for (const root of ['Query', 'Mutation']) {
    for (const [field, grants] of Object.entries(policy.roots)) {
      const resolve = resolvers[root]?.[field] as Resolve | undefined;
      if (!resolve) continue;
      resolvers[root][field] = (async (source, args, context, info) => {
        requirePurpose(context.request);
        if (!isGranted(context.request, grants))
          throw forbiddenField(root, field, 'your role does not allow it for this purpose.');
        if (!reachesScoped(info.returnType, policy)) return resolve(source, args, context, info);
        // Asked for whether or not the rows exist, so out of scope and absent take as long.
        const [result, scopes] = await Promise.all([
          resolve(source, args, context, info),
          context.scopes(),
        ]);
        return withinScope(result, info.returnType, policy, scopes);
      }) satisfies Resolve;
    }
  }
  for (const [typeName, access] of Object.entries(policy.types)) {
    const type = (resolvers[typeName] ??= {});
    for (const field of Object.keys(access.fields)) {
      const resolve = (type[field] as Resolve | undefined) ?? (defaultFieldResolver as Resolve);
      // Synchronous while the check needs nothing pending: a promise per field would make every
      // person-level object's fields complete asynchronously, the larger part of a page's cost.
      type[field] = ((source, args, context, info) => {
        const checking = checkField(access, typeName, field, source, context);
        if (!checking) return resolve(source, args, context, info);
        return checking.then(() => resolve(source, args, context, info));
      }) satisfies Resolve;
    }
  }
}

/** Throws if the field may not be read; a promise only while a condition or scope is pending. */
function checkField(
  access: TypeAccess,
  typeName: string,
  field: string,
  row: unknown,
  context: AccessContext,
): Promise<void> | undefined {
  if (!context.request.purpose)
    throw forbiddenField(typeName, field, 'declare a purpose for person-level reads.');
  if (!isGranted(context.request, access.fields[field] ?? []))
    throw forbiddenField(typeName, field, 'your role does not allow it for this purpose.');
  const refusal = access.conditions?.[field]?.(row as never, context as never);
  const scopedAndNoted = (): Promise<void> | undefined => {
    const scoping = checkRowScope(access, row, context);
    const note = () => context.reads.record(typeName, access.key(row as never), field);
    if (scoping) return scoping.then(note);
    note();
    return undefined;
  };
  if (refusal instanceof Promise) {
    return refusal.then((reason) => {
      if (reason) throw forbiddenField(typeName, field, reason);
      return scopedAndNoted();
    });
  }
  if (refusal) throw forbiddenField(typeName, field, refusal);
  return scopedAndNoted();
}

/** The access part of a fresh per-request context. */
export function accessContext(request: RequestContext, scopes: RequestScopes): AccessContext {
  return { request, reads: new PersonReads(), scopes };
}
