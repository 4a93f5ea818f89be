import { createHash } from 'node:crypto';
import { IDENTITY_SERVICE_CALLER, Purpose, type RequestContext, Role } from '../auth/roles';
import { countCacheLookup } from '../operation-metrics';
import { WeightedLru } from '../weighted-lru';
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
  /** Names the scope by its content: a controller keeps what it was handed under it. */
  digest: string;
  /** Left out when the controller was handed the same scope lately, and keeps it. */
  scopes?: Record<string, WireScope>;
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
  const parts: DigestPart[] = [];
  let ids = 0;
  for (const kind of kinds) {
    const scope = scopes[kind];
    if (!scope) return undefined;
    ids += (scope.only?.size ?? 0) + scope.except.size;
    if (ids > MAX_HANDED_IDS) return undefined;
    wire[kind] = { only: scope.only && [...scope.only], except: [...scope.except] };
    parts.push([kind, scope.only && setDigest(scope.only), setDigest(scope.except)]);
  }
  const digest = hash(JSON.stringify(parts));
  return { for: { subject, role, organisation, purpose: user.purpose }, digest, scopes: wire };
}

/** A kind, and the digests of its `only` and `except` lists as sent. */
type DigestPart = [string, string | null, string];

const hash = (text: string) => createHash('sha256').update(text).digest('base64url');

/** A list's digest, worked out once for each set: a kept caseload is handed over many times. */
const setDigests = new WeakMap<ReadonlySet<string>, string>();

function setDigest(set: ReadonlySet<string>): string {
  let digest = setDigests.get(set);
  if (digest === undefined) {
    digest = hash(JSON.stringify([...set]));
    setDigests.set(set, digest);
  }
  return digest;
}

/** The digest of a scope as received, worked out by the controller from what it was sent. */
function wireDigest(wire: Record<string, WireScope>): string {
  const parts: DigestPart[] = Object.entries(wire).map(([kind, { only, except }]) => [
    kind,
    only && hash(JSON.stringify(only)),
    hash(JSON.stringify(except)),
  ]);
  return hash(JSON.stringify(parts));
}

/** A scope handed over, as a controller keeps it: the user's request, and the scope by kind. */
export interface AcceptedScope {
  user: RequestContext;
  scopes: ReadonlyMap<string, RecordScope>;
}

/** Why a handed scope was not taken: from the wrong caller or malformed, or named but not kept. */
export type NotAccepted = 'refused' | 'not kept';

/** Most ids of handed scopes a controller keeps at once, by digest: a few MB. */
const KEPT_IDS = 200_000;

/**
 * The scopes a controller was handed, by digest, the least recently used let go first. A digest
 * names its content, worked out here from what was sent, so what is kept never goes stale.
 */
export class KeptScopes {
  private readonly kept = new WeightedLru<ReadonlyMap<string, RecordScope>>(KEPT_IDS);

  get(digest: string): ReadonlyMap<string, RecordScope> | undefined {
    const hit = this.kept.get(digest);
    countCacheLookup('handed_scope', hit !== undefined);
    return hit;
  }

  keep(digest: string, scopes: ReadonlyMap<string, RecordScope>): void {
    let ids = 0;
    for (const { only, except } of scopes.values()) ids += (only?.size ?? 0) + except.size;
    this.kept.set(digest, scopes, ids);
  }
}

/**
 * The scope a call hands over, if it may: only identity, calling as itself (RECORD_LINKAGE, which
 * no user token may carry, so no call the gateway signs for a user qualifies), with the gateway's
 * nonce for the user's request in its signed token. The body is covered by that token's `bh`.
 * A scope sent whole is kept under its digest, which must match; one sent by digest alone is
 * taken from those kept. Otherwise the controller asks identity as it would have.
 */
export function acceptedScope(
  call: RequestContext,
  extension: unknown,
  kept: KeptScopes,
): AcceptedScope | NotAccepted {
  const user = handedFor(call, extension);
  const { digest, scopes: sent } = extension as Partial<HandedScope>;
  if (!user || !isText(digest)) return 'refused';
  const scopes = sent === undefined ? kept.get(digest) : received(sent, digest);
  if (scopes === null) return 'refused';
  if (scopes === undefined) return 'not kept';
  if (sent !== undefined) kept.keep(digest, scopes);
  return { user, scopes };
}

/** The user's request a scope is handed for, if identity handed it, well formed; else null. */
function handedFor(call: RequestContext, extension: unknown): RequestContext | null {
  if (!extension || !call.nonce) return null;
  if (call.caller.subject !== IDENTITY_SERVICE_CALLER.subject || !isUnscoped(call)) return null;
  const user = (extension as Partial<HandedScope>).for;
  if (!user || !isText(user.subject) || !isText(user.organisation)) return null;
  if (!Object.values<string>(Role).includes(user.role)) return null;
  if (user.purpose !== null && !Object.values<string>(Purpose).includes(user.purpose)) return null;
  if (user.purpose === Purpose.RECORD_LINKAGE) return null;
  return {
    caller: {
      subject: user.subject,
      role: user.role as Role,
      organisation: user.organisation,
      purposes: [],
    },
    purpose: user.purpose as Purpose | null,
    requestId: call.requestId,
    nonce: call.nonce,
  };
}

/** A scope sent whole, if well formed and named by `digest`; else null. */
function received(wire: unknown, digest: string): Map<string, RecordScope> | null {
  if (!wire || typeof wire !== 'object') return null;
  const entries = Object.entries(wire as Record<string, unknown>);
  if (!entries.every(([, scope]) => isWireScope(scope))) return null;
  if (wireDigest(wire as Record<string, WireScope>) !== digest) return null;
  const scopes = new Map<string, RecordScope>();
  for (const [kind, scope] of entries as [string, WireScope][]) {
    scopes.set(kind, { only: scope.only && new Set(scope.only), except: new Set(scope.except) });
  }
  return scopes;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

const isTextList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function isWireScope(value: unknown): value is WireScope {
  if (!value || typeof value !== 'object') return false;
  const { only, except } = value as Partial<WireScope>;
  return (only === null || isTextList(only)) && isTextList(except);
}
