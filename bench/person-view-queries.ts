/**
 * The joined view of one person that a coordinator or adviser opens: every part of their support
 * the roles may see, from all four subgraphs. Shared by the benchmark and the tests that count
 * statements, so both measure the same work.
 */
export const PERSON_VIEW = `id givenName familyName dateOfBirth
  links { recordKind recordId status matchProbability }
  prisoner { prisonNumber latestCustodyPeriod { receptionDate releaseDate expectedReleaseDate
      releaseType establishment { name region }
      temporaryLicences { purpose employerName startDate paid }
      workPlacements { activity role startDate endDate }
      educationCourses { subject level achieved endDate } } }
  probationCase { crn practitionerName accommodationOnRelease
    licenceConditions { kind restrictsWork startDate endDate } }
  claimant { nino jobcentre workCoach { name jobcentre }
    benefitClaims { benefit claimDate startedInCustody advancePayment firstPaymentDate status }
    appointments { date kind attendance }
    programmeReferrals { programme referredOn status } }
  supportRecords { id organisation { name } referrals { status referredOn service { kind name } }
    engagements { date kind } outcomes { kind date } }
  readiness { status statusReason releaseWithin12Weeks releaseDate unavailableFrom
    items { item status detail source recordedBy recordedAt } }
  timeline(first: 20) { totalCount unavailableFrom
    edges { node { date kind source summary } } }`;

export const SINGLE_PERSON = `query PersonView($id: ID!) { person(id: $id) { ${PERSON_VIEW} } }`;

export const CASELOAD_PAGE = `query CaseloadPage($first: Int!, $after: String) {
  myCaseload(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { daysSinceRelease referral { service status referredOn }
      release { date expected establishment } person { ${PERSON_VIEW} } } } } }`;
