import { IDENTITY_SERVICE_CALLER, Purpose, type RequestContext, Role } from '../auth/roles';
import type { SubgraphName } from '../subgraphs';
import { type RecordScope, type RecordScopes, RecordKind, isUnscoped } from './scope';

/**
 * The kinds of record each controller scopes: what identity hands it, and no more (DWP is never
 * sent prison numbers). A test holds these to the controllers' access policies.
 */
export const CONTROLLER_SCOPED_KINDS: Partial<Record<SubgraphName, readonly string[]>> = {
  dwp: [RecordKind.DWP_CLAIMANT],
  moj: [RecordKind.MOJ_PRISONER, RecordKind.MOJ_PROBATION_CASE],
  vcs: [RecordKind.VCS_SUPPORT_RECORD],
};

/**
 * The most record ids a handed scope carries: about 300 KB, so a call's body stays well inside a
 * controller's 1 MB limit beside its questions. A larger caseload's scope is not handed over,
 * and the controller asks identity for it, whose answer has no such limit.
 */
export const MAX_HANDED_IDS = 20_000;

/** The request-body extension that carries a user's scope from identity to a controller. */
export const HANDED_SCOPE_EXTENSION = 'handedScope';

interface WireScope {
  only: string[] | null;
  except: string[];
}

/** Whose request a handed scope is for, and the scope itself, as sent. */
export interface HandedScope {
  for: { subject: string; role: string; organisation: string; purpose: string | null };
  scopes: Record<string, WireScope>;
}

/** Whether identity hands `controller` a scope for this request: a user's, made by the gateway. */
export function handsOver(user: RequestContext, controller: SubgraphName): boolean {
  return Boolean(CONTROLLER_SCOPED_KINDS[controller] && user.nonce && !isUnscoped(user));
}

/**
 * Identity, calling a controller during a user's request, hands over that user's scope over the
 * controller's kinds, so the controller need not ask identity for it when the gateway's own call
 * for the same request arrives. Nothing for a request with no nonce, or one that is unscoped.
 */
export function handedScope(
  user: RequestContext,
  controller: SubgraphName,
  scopes: RecordScopes,
): HandedScope | undefined {
  const kinds = CONTROLLER_SCOPED_KINDS[controller];
  if (!kinds || !handsOver(user, controller)) return undefined;
  const { subject, role, organisation } = user.caller;
  const wire: Record<string, WireScope> = {};
  let ids = 0;
  for (const kind of kinds) {
    const scope = scopes[kind];
    if (!scope) return undefined;
    ids += (scope.only?.size ?? 0) + scope.except.size;
    if (ids > MAX_HANDED_IDS) return undefined;
    wire[kind] = { only: scope.only && [...scope.only], except: [...scope.except] };
  }
  return { for: { subject, role, organisation, purpose: user.purpose }, scopes: wire };
}

/** A scope handed over, as a controller keeps it: the user's request, and the scope by kind. */
export interface AcceptedScope {
  user: RequestContext;
  scopes: Map<string, RecordScope>;
}

/**
 * The scope a call hands over, if it may: only identity, calling as itself (RECORD_LINKAGE, which
 * no user token may carry, so no call the gateway signs for a user qualifies), with the gateway's
 * nonce for the user's request in its signed token. The body is covered by that token's `bh`.
 * Anything malformed is not accepted, and the controller asks identity as it would have.
 */
export function acceptedScope(call: RequestContext, extension: unknown): AcceptedScope | null {
  if (!extension || !call.nonce) return null;
  if (call.caller.subject !== IDENTITY_SERVICE_CALLER.subject || !isUnscoped(call)) return null;
  const handed = extension as Partial<HandedScope>;
  const user = handed.for;
  if (!user || !isText(user.subject) || !isText(user.organisation)) return null;
  if (!Object.values<string>(Role).includes(user.role)) return null;
  if (user.purpose !== null && !Object.values<string>(Purpose).includes(user.purpose)) return null;
  if (user.purpose === Purpose.RECORD_LINKAGE) return null;
  const scopes = new Map<string, RecordScope>();
  for (const [kind, scope] of Object.entries(handed.scopes ?? {})) {
    if (!isWireScope(scope)) return null;
    scopes.set(kind, { only: scope.only && new Set(scope.only), except: new Set(scope.except) });
  }
  return {
    user: {
      caller: {
        subject: user.subject,
        role: user.role as Role,
        organisation: user.organisation,
        purposes: [],
      },
      purpose: user.purpose as Purpose | null,
      requestId: call.requestId,
      nonce: call.nonce,
    },
    scopes,
  };
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

const isTextList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function isWireScope(value: unknown): value is WireScope {
  if (!value || typeof value !== 'object') return false;
  const { only, except } = value as Partial<WireScope>;
  return (only === null || isTextList(only)) && isTextList(except);
}
