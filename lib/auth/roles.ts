/** Who a user is to the hub: the roles of ../shared/DESIGN.md's security model. */
export enum Role {
  COORDINATOR = 'COORDINATOR',
  JOBCENTRE_ADVISER = 'JOBCENTRE_ADVISER',
  REPORTING = 'REPORTING',
  DATA_STEWARD = 'DATA_STEWARD',
}

/** Why a user is reading: each person-level query declares one, from those its role may use. */
export enum Purpose {
  /** Helping a person into work: a charity's or a work coach's casework. */
  EMPLOYMENT_SUPPORT = 'EMPLOYMENT_SUPPORT',
  /** Administering a benefit claim, including one made before release. */
  BENEFIT_ADMINISTRATION = 'BENEFIT_ADMINISTRATION',
  /** Aggregate statistics only: never a person-level row. */
  STATISTICS = 'STATISTICS',
  /** Reviewing and correcting identity links. */
  LINKAGE_REVIEW = 'LINKAGE_REVIEW',
  /** Answering a subject-access or "who looked at my record" request. */
  SUBJECT_ACCESS = 'SUBJECT_ACCESS',
  /** The identity service pulling a controller's identity feed: no user token may carry it. */
  RECORD_LINKAGE = 'RECORD_LINKAGE',
}

export const ROLE_PURPOSES: Record<Role, readonly Purpose[]> = {
  [Role.COORDINATOR]: [Purpose.EMPLOYMENT_SUPPORT],
  [Role.JOBCENTRE_ADVISER]: [Purpose.BENEFIT_ADMINISTRATION, Purpose.EMPLOYMENT_SUPPORT],
  [Role.REPORTING]: [Purpose.STATISTICS],
  [Role.DATA_STEWARD]: [Purpose.LINKAGE_REVIEW, Purpose.SUBJECT_ACCESS],
};

/** The verified user behind a request, as the gateway passes it to every subgraph. */
export interface Caller {
  /** The token's `sub`: a stable user id, never a name or email. */
  subject: string;
  role: Role;
  /** The user's organisation id, e.g. a charity's or a Jobcentre's. */
  organisation: string;
  /** Purposes the token allows; the request declares one of them. */
  purposes: Purpose[];
}

/** What a subgraph knows about the request it is answering, from the gateway's internal token. */
export interface RequestContext {
  caller: Caller;
  /** The purpose declared for this request, or null when none was (person-level reads refuse). */
  purpose: Purpose | null;
  requestId: string;
  /**
   * Made by the gateway for each request, never by a client (a client may choose `requestId`):
   * what a service may key per-request work on, such as the request's scope.
   */
  nonce?: string;
}

/** The identity service when it calls a controller for itself, for no user: pulling feeds. */
export const IDENTITY_SERVICE_CALLER: Caller = {
  subject: 'identity-service',
  role: Role.DATA_STEWARD,
  organisation: 'employment-support-hub',
  purposes: [Purpose.RECORD_LINKAGE],
};
