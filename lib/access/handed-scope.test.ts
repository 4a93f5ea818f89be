import { IDENTITY_SERVICE_CALLER, Purpose, type RequestContext, Role } from '../auth/roles';
import {
  type AcceptedScope,
  type HandedScope,
  KeptScopes,
  MAX_HANDED_IDS,
  acceptedScope,
  handedScope,
} from './handed-scope';
import { RecordKind, type RecordScope, type RecordScopes } from './scope';

const coordinator: RequestContext = {
  caller: { subject: 'u1', role: Role.COORDINATOR, organisation: 'org-1', purposes: [] },
  purpose: Purpose.EMPLOYMENT_SUPPORT,
  requestId: 'r1',
  nonce: 'n1',
};
const identityCall: RequestContext = {
  caller: IDENTITY_SERVICE_CALLER,
  purpose: Purpose.RECORD_LINKAGE,
  requestId: 'r1',
  nonce: 'n1',
};
const SCOPES: RecordScopes = {
  [RecordKind.DWP_CLAIMANT]: { only: new Set(['AB123456C']), except: new Set() },
  [RecordKind.MOJ_PRISONER]: { only: new Set(['A1234BC']), except: new Set(['A9999ZZ']) },
  [RecordKind.MOJ_PROBATION_CASE]: { only: null, except: new Set() },
  [RecordKind.VCS_SUPPORT_RECORD]: { only: new Set(['s1']), except: new Set() },
};
const wire = (value: unknown): HandedScope => JSON.parse(JSON.stringify(value)) as HandedScope;
let kept: KeptScopes;
beforeEach(() => {
  kept = new KeptScopes();
});

describe('a scope identity hands a controller', () => {
  it("carries the user's scope over that controller's kinds and no others", () => {
    expect(handedScope(coordinator, 'moj', SCOPES)).toEqual({
      for: {
        subject: 'u1',
        role: 'COORDINATOR',
        organisation: 'org-1',
        purpose: 'EMPLOYMENT_SUPPORT',
      },
      digest: expect.stringMatching(/^[\w-]{43}$/),
      scopes: {
        MOJ_PRISONER: { only: ['A1234BC'], except: ['A9999ZZ'] },
        MOJ_PROBATION_CASE: { only: null, except: [] },
      },
    });
  });

  it('is not made for a request with no nonce, an unscoped one, or identity itself', () => {
    expect(handedScope({ ...coordinator, nonce: undefined }, 'moj', SCOPES)).toBeUndefined();
    expect(handedScope(identityCall, 'moj', SCOPES)).toBeUndefined();
    expect(handedScope(coordinator, 'identity', SCOPES)).toBeUndefined();
  });

  it('is not made when it would carry more than MAX_HANDED_IDS ids: the controller asks', () => {
    const ids = (count: number) => new Set(Array.from({ length: count }, (_, i) => `A${i}`));
    const large = (prisoners: number): RecordScopes => ({
      ...SCOPES,
      [RecordKind.MOJ_PRISONER]: { only: ids(prisoners), except: new Set(['A9999ZZ']) },
    });
    expect(handedScope(coordinator, 'moj', large(MAX_HANDED_IDS - 1))).toBeDefined();
    expect(handedScope(coordinator, 'moj', large(MAX_HANDED_IDS))).toBeUndefined();
  });

  it("is accepted from identity's own call as the user's, for the call's nonce", () => {
    const accepted = acceptedScope(
      identityCall,
      wire(handedScope(coordinator, 'moj', SCOPES)),
      kept,
    ) as AcceptedScope;
    expect(accepted.user).toEqual({ ...coordinator, caller: { ...coordinator.caller } });
    expect(accepted.scopes.get('MOJ_PRISONER')).toEqual(SCOPES.MOJ_PRISONER);
    expect(accepted.scopes.get('MOJ_PROBATION_CASE')).toEqual(SCOPES.MOJ_PROBATION_CASE);
    expect(accepted.scopes.has('DWP_CLAIMANT')).toBe(false);
  });

  it('is refused from any call a user could make, or without a nonce', () => {
    const handed = wire(handedScope(coordinator, 'moj', SCOPES));
    expect(acceptedScope(coordinator, handed, kept)).toBe('refused');
    const steward = { ...identityCall, caller: { ...IDENTITY_SERVICE_CALLER, subject: 'steward' } };
    expect(acceptedScope(steward, handed, kept)).toBe('refused');
    const subjectAccess = { ...identityCall, purpose: Purpose.SUBJECT_ACCESS };
    expect(acceptedScope(subjectAccess, handed, kept)).toBe('refused');
    expect(acceptedScope({ ...identityCall, nonce: undefined }, handed, kept)).toBe('refused');
  });

  it.each([
    ['no user', { scopes: {} }],
    ['an unknown role', { for: { subject: 'u', role: 'ADMIN', organisation: 'o', purpose: null } }],
    [
      'the linkage purpose',
      { for: { subject: 'u', role: 'DATA_STEWARD', organisation: 'o', purpose: 'RECORD_LINKAGE' } },
    ],
    [
      'ids that are not text',
      {
        for: { subject: 'u', role: 'COORDINATOR', organisation: 'o', purpose: null },
        scopes: { MOJ_PRISONER: { only: [1], except: [] } },
      },
    ],
    [
      'no except list',
      {
        for: { subject: 'u', role: 'COORDINATOR', organisation: 'o', purpose: null },
        scopes: { MOJ_PRISONER: { only: null } },
      },
    ],
    [
      'no digest',
      {
        for: { subject: 'u', role: 'COORDINATOR', organisation: 'o', purpose: null },
        scopes: { MOJ_PRISONER: { only: null, except: [] } },
      },
    ],
  ])('is refused when malformed: %s', (_case, handed) => {
    expect(acceptedScope(identityCall, handed, kept)).toBe('refused');
  });

  it('is refused when its digest does not name what it carries', () => {
    const handed = wire(handedScope(coordinator, 'moj', SCOPES));
    const widened = {
      ...handed,
      scopes: { ...handed.scopes, MOJ_PRISONER: { only: null, except: [] } },
    };
    expect(acceptedScope(identityCall, widened, kept)).toBe('refused');
    const misnamed = wire(handedScope(coordinator, 'dwp', SCOPES));
    expect(acceptedScope(identityCall, { ...handed, digest: misnamed.digest }, kept)).toBe(
      'refused',
    );
  });
});

describe('a scope handed by digest alone', () => {
  const byDigest = (handed: HandedScope): HandedScope => ({ ...handed, scopes: undefined });

  it('is taken from the scopes kept once the same scope was handed whole', () => {
    const handed = wire(handedScope(coordinator, 'moj', SCOPES));
    expect(acceptedScope(identityCall, byDigest(handed), kept)).toBe('not kept');
    const whole = acceptedScope(identityCall, handed, kept) as AcceptedScope;
    const again = acceptedScope(identityCall, wire(byDigest(handed)), kept) as AcceptedScope;
    expect(again.scopes).toBe(whole.scopes);
    expect(again.scopes.get('MOJ_PRISONER')).toEqual(SCOPES.MOJ_PRISONER);
  });

  it('names the content: the same sets give the same digest, another set another', () => {
    const copy = (scope: RecordScope): RecordScope => ({
      only: scope.only && new Set(scope.only),
      except: new Set(scope.except),
    });
    const same = { ...SCOPES, MOJ_PRISONER: copy(SCOPES.MOJ_PRISONER) };
    const other = {
      ...SCOPES,
      MOJ_PRISONER: { ...SCOPES.MOJ_PRISONER, except: new Set<string>() },
    };
    const digest = (scopes: RecordScopes) => handedScope(coordinator, 'moj', scopes)?.digest;
    expect(digest(same)).toBe(digest(SCOPES));
    expect(digest(other)).not.toBe(digest(SCOPES));
    expect(
      digest({ ...SCOPES, MOJ_PROBATION_CASE: { only: new Set(), except: new Set() } }),
    ).not.toBe(digest(SCOPES));
  });

  it('is let go, the least recently used first, once those kept pass 200,000 ids', () => {
    const large = (prefix: string): RecordScopes => ({
      ...SCOPES,
      MOJ_PRISONER: {
        only: new Set(Array.from({ length: 9_000 }, (_, i) => `${prefix}${i}`)),
        except: new Set(),
      },
    });
    const prefixes = Array.from({ length: 24 }, (_, i) => `P${i}-`);
    const handed = prefixes.map((prefix) => wire(handedScope(coordinator, 'moj', large(prefix))));
    for (const whole of handed) acceptedScope(identityCall, whole, kept);
    // 24 × 9,000 ids: the first two were let go, the third is kept.
    expect(acceptedScope(identityCall, byDigest(handed[0]), kept)).toBe('not kept');
    expect(acceptedScope(identityCall, byDigest(handed[1]), kept)).toBe('not kept');
    expect(typeof acceptedScope(identityCall, byDigest(handed[2]), kept)).toBe('object');
  });
});
