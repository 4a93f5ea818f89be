import { IDENTITY_SERVICE_CALLER, Purpose, type RequestContext, Role } from '../auth/roles';
import { MAX_HANDED_IDS, acceptedScope, handedScope } from './handed-scope';
import { RecordKind, type RecordScopes } from './scope';

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
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('a scope identity hands a controller', () => {
  it("carries the user's scope over that controller's kinds and no others", () => {
    expect(handedScope(coordinator, 'moj', SCOPES)).toEqual({
      for: {
        subject: 'u1',
        role: 'COORDINATOR',
        organisation: 'org-1',
        purpose: 'EMPLOYMENT_SUPPORT',
      },
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
    const accepted = acceptedScope(identityCall, wire(handedScope(coordinator, 'moj', SCOPES)));
    expect(accepted?.user).toEqual({ ...coordinator, caller: { ...coordinator.caller } });
    expect(accepted?.scopes.get('MOJ_PRISONER')).toEqual(SCOPES.MOJ_PRISONER);
    expect(accepted?.scopes.get('MOJ_PROBATION_CASE')).toEqual(SCOPES.MOJ_PROBATION_CASE);
    expect(accepted?.scopes.has('DWP_CLAIMANT')).toBe(false);
  });

  it('is refused from any call a user could make, or without a nonce', () => {
    const handed = wire(handedScope(coordinator, 'moj', SCOPES));
    expect(acceptedScope(coordinator, handed)).toBeNull();
    const steward = { ...identityCall, caller: { ...IDENTITY_SERVICE_CALLER, subject: 'steward' } };
    expect(acceptedScope(steward, handed)).toBeNull();
    expect(acceptedScope({ ...identityCall, purpose: Purpose.SUBJECT_ACCESS }, handed)).toBeNull();
    expect(acceptedScope({ ...identityCall, nonce: undefined }, handed)).toBeNull();
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
  ])('is refused when malformed: %s', (_case, handed) => {
    expect(acceptedScope(identityCall, handed)).toBeNull();
  });
});
