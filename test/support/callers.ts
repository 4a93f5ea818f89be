import { IDENTITY_SERVICE_CALLER, Purpose, type RequestContext, Role } from '../../lib/auth/roles';

/** A request's context as the gateway's internal token would carry it, for in-process tests. */
export function requestAs(
  role: Role,
  purpose: Purpose | null,
  organisation = 'test-organisation',
  subject = `test-${role.toLowerCase()}`,
): RequestContext {
  return {
    caller: { subject, role, organisation, purposes: purpose ? [purpose] : [] },
    purpose,
    requestId: 'test-request',
  };
}

/** A steward answering a subject-access request: the one caller who may read every field. */
export const SUBJECT_ACCESS_STEWARD = requestAs(Role.DATA_STEWARD, Purpose.SUBJECT_ACCESS);

/** The identity service pulling a feed. */
export const IDENTITY_SERVICE_REQUEST: RequestContext = {
  caller: IDENTITY_SERVICE_CALLER,
  purpose: Purpose.RECORD_LINKAGE,
  requestId: 'test-feed-pull',
};
