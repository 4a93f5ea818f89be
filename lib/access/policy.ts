import type { MiddlewareFn } from 'type-graphql';
import { type Purpose, type RequestContext, Role } from '../auth/roles';
import { ErrorCode, hubError } from '../errors';

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

/**
 * Checks every field of a person-level type on every path into it (root queries, nested fields
 * and entity references alike, since all resolve fields through here), and notes each read for
 * the audit. A field the policy does not name is refused: new fields start closed.
 */
export function fieldAccess(policy: AccessPolicy): MiddlewareFn<AccessContext> {
  return async ({ info, context, root }, next) => {
    const [typeName, field] = [info.parentType.name, info.fieldName];
    const rootGrants = typeName === 'Mutation' || typeName === 'Query' ? policy.roots[field] : null;
    if (rootGrants) {
      requirePurpose(context.request);
      if (!isGranted(context.request, rootGrants))
        throw forbiddenField(typeName, field, 'your role does not allow it for this purpose.');
      return next();
    }
    const access = policy.types[typeName];
    if (!access) return next();
    if (!context.request.purpose)
      throw forbiddenField(typeName, field, 'declare a purpose for person-level reads.');
    if (!isGranted(context.request, access.fields[field] ?? []))
      throw forbiddenField(typeName, field, 'your role does not allow it for this purpose.');
    const refusal = await access.conditions?.[field]?.(root as never, context as never);
    if (refusal) throw forbiddenField(typeName, field, refusal);
    context.reads.record(typeName, access.key(root as never), field);
    return next();
  };
}

/** Every role and purpose pair that may appear, for the README's matrix and its test. */
export const ALL_ROLES = Object.values(Role);

/** The access part of a fresh per-request context. */
export function accessContext(request: RequestContext): AccessContext {
  return { request, reads: new PersonReads() };
}
