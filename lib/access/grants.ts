import { Purpose, Role } from '../auth/roles';
import type { Grant } from './policy';

/** Short names for the grants the subgraphs' policies are written in. */
export const COORDINATOR: Grant = Role.COORDINATOR;
export const ADVISER: Grant = Role.JOBCENTRE_ADVISER;
/** A steward correcting links sees who a record names, nothing of what it says about them. */
export const LINKAGE: Grant = `${Role.DATA_STEWARD}:${Purpose.LINKAGE_REVIEW}`;
/** A steward answering a subject-access request sees all the hub holds on the person. */
export const SUBJECT_ACCESS: Grant = `${Role.DATA_STEWARD}:${Purpose.SUBJECT_ACCESS}`;

/** The identity service pulling a feed, with a token only it and the gateway can sign. */
export const IDENTITY_SERVICE: Grant = `${Role.DATA_STEWARD}:${Purpose.RECORD_LINKAGE}`;

/**
 * The identity service counting a cohort for a reporting tool: no user token can carry a steward
 * with the statistics purpose, so only identity's own calls do.
 */
export const REPORTING_SERVICE: Grant = `${Role.DATA_STEWARD}:${Purpose.STATISTICS}`;

/** Who a record names: every person-level role but reporting. */
export const IDENTIFYING = [COORDINATOR, ADVISER, LINKAGE, SUBJECT_ACCESS] as const;
/** What a person's support is about: casework roles, and subject access. */
export const CASEWORK = [COORDINATOR, ADVISER, SUBJECT_ACCESS] as const;
/** Identifiers a coordinator does not need to help someone into work. */
export const OFFICIAL_IDENTIFIERS = [ADVISER, LINKAGE, SUBJECT_ACCESS] as const;

/** The same grants for each of several fields. */
export const each = (
  fields: string[],
  grants: readonly Grant[],
): Record<string, readonly Grant[]> => Object.fromEntries(fields.map((field) => [field, grants]));
