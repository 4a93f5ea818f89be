import {
  type GraphQLOutputType,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import type { RequestContext } from '../auth/roles';
import { Purpose } from '../auth/roles';
import { ErrorCode, hubError } from '../errors';
import type { AccessContext, AccessPolicy, TypeAccess } from './policy';

/**
 * The kinds of record a scope covers: the identity service's kinds of linked record (the same
 * names as its LinkedRecordKind), and PERSON, its own person index, keyed by person id.
 */
export const RecordKind = {
  DWP_CLAIMANT: 'DWP_CLAIMANT',
  MOJ_PRISONER: 'MOJ_PRISONER',
  MOJ_PROBATION_CASE: 'MOJ_PROBATION_CASE',
  VCS_SUPPORT_RECORD: 'VCS_SUPPORT_RECORD',
  PERSON: 'PERSON',
} as const;

/**
 * Which records of one kind a request may see at all: none in `except` (people restricted to
 * named users), and, when `only` is set, none outside it (a coordinator's caseload).
 */
export interface RecordScope {
  only: ReadonlySet<string> | null;
  except: ReadonlySet<string>;
}

/** A request's scopes, by RecordKind. */
export type RecordScopes = Readonly<Record<string, RecordScope>>;

/** Works out, for one request, its scope over each kind of record asked about. */
export type ScopeLookup = (
  request: RequestContext,
  kinds: readonly string[],
) => Promise<RecordScopes>;

export const UNRESTRICTED: RecordScope = { only: null, except: new Set() };

export const unrestricted = (kinds: readonly string[]): RecordScopes =>
  Object.fromEntries(kinds.map((kind) => [kind, UNRESTRICTED]));

/** Scopes for everyone: for tests of rules that scope does not touch, and for benchmarks. */
export const unscopedLookup: ScopeLookup = (_request, kinds) =>
  Promise.resolve(unrestricted(kinds));

/** The identity service pulling feeds must see every record to link them. */
export const isUnscoped = (request: RequestContext) => request.purpose === Purpose.RECORD_LINKAGE;

export function permits(scope: RecordScope | undefined, key: string): boolean {
  if (!scope) return false;
  return !scope.except.has(key) && (scope.only === null || scope.only.has(key));
}

/** The kinds of record a policy scopes. */
export function scopedKinds(policy: AccessPolicy): string[] {
  const kinds = Object.values(policy.types).flatMap((type) =>
    type.scope ? [type.scope.kind] : [],
  );
  return [...new Set(kinds)].sort();
}

/**
 * A request's scopes, looked up once on first use. `settled`, once the lookup has answered, gives
 * them without waiting, so the fields checked after that need no promise each.
 */
export type RequestScopes = (() => Promise<RecordScopes>) & {
  settled?: () => RecordScopes | undefined;
};

/**
 * A request's scopes, asked for once, when first needed, and then shared by every field: one
 * answer per request, so consent withdrawn since the last request already counts.
 */
export function requestScopes(
  lookup: ScopeLookup,
  request: RequestContext,
  policy: AccessPolicy,
): RequestScopes {
  let pending: Promise<RecordScopes> | undefined;
  let settled: RecordScopes | undefined;
  const scopes = () =>
    (pending ??= lookup(request, scopedKinds(policy)).then((answer) => (settled = answer)));
  return Object.assign(scopes, { settled: () => settled });
}

export function inScope(access: TypeAccess, row: unknown, scopes: RecordScopes): boolean {
  if (!access.scope) return true;
  return permits(scopes[access.scope.kind], access.scope.record(row as never));
}

/** A row reached by a path the scope filter does not cover: refuse it without saying why. */
export function checkRowScope(
  access: TypeAccess,
  row: unknown,
  context: AccessContext,
): Promise<void> | undefined {
  if (!access.scope) return undefined;
  const refuseOutside = (scopes: RecordScopes) => {
    if (!inScope(access, row, scopes)) throw hubError(ErrorCode.NOT_FOUND, 'No such record.');
  };
  const settled = context.scopes.settled?.();
  if (!settled) return context.scopes().then(refuseOutside);
  refuseOutside(settled);
  return undefined;
}

/** A scope that could not be worked out: nothing person-level is shown. */
export const scopeUnavailable = () =>
  hubError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    'Whose records you may see cannot be checked just now, so none are shown. Try again shortly.',
  );

const DROP = Symbol('out of scope');

/**
 * `value` as GraphQL type `type`, with every row the request may not see taken out: a single row
 * becomes null, a list loses it, and an object that needs it (an edge's node, a search result's
 * person) goes with it. Only values already in hand are walked; rows fetched later by field
 * resolvers meet `checkRowScope`.
 */
export function withinScope(
  value: unknown,
  type: GraphQLOutputType,
  policy: AccessPolicy,
  scopes: RecordScopes,
): unknown {
  const kept = filter(value, type, policy, scopes, 0);
  return kept === DROP ? null : kept;
}

function filter(
  value: unknown,
  type: GraphQLOutputType,
  policy: AccessPolicy,
  scopes: RecordScopes,
  depth: number,
): unknown {
  if (value === null || value === undefined || depth > 4) return value;
  if (isNonNullType(type)) return filter(value, type.ofType, policy, scopes, depth);
  if (isListType(type)) {
    if (!Array.isArray(value)) return value;
    return value
      .map((item) => filter(item, type.ofType, policy, scopes, depth + 1))
      .filter((item) => item !== DROP);
  }
  if (!isObjectType(type) || typeof value !== 'object') return value;
  const access = policy.types[type.name];
  if (access?.scope) return inScope(access, value, scopes) ? value : DROP;
  let copy: Record<string, unknown> | null = null;
  for (const [name, field] of Object.entries(type.getFields())) {
    if (!(name in value) || !reachesScoped(field.type, policy)) continue;
    const before = (value as Record<string, unknown>)[name];
    const after = filter(before, field.type, policy, scopes, depth + 1);
    if (after === before) continue;
    if (after === DROP && isNonNullType(field.type)) return DROP;
    copy ??= Object.assign(
      Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>,
      value,
    );
    copy[name] = after === DROP ? null : after;
  }
  return copy ?? value;
}

const reach = new WeakMap<AccessPolicy, Map<string, boolean>>();

/** Whether a value of this type can hold, in hand, a row the policy scopes. */
export function reachesScoped(type: GraphQLOutputType, policy: AccessPolicy): boolean {
  const named = getNamedType(type);
  const known = reach.get(policy) ?? new Map<string, boolean>();
  reach.set(policy, known);
  const seen = known.get(named.name);
  if (seen !== undefined) return seen;
  known.set(named.name, false); // a cycle reaches nothing new
  let result = false;
  if (isObjectType(named)) {
    result =
      Boolean(policy.types[named.name]?.scope) ||
      Object.values(named.getFields()).some((field) => reachesScoped(field.type, policy));
  }
  known.set(named.name, result);
  return result;
}
