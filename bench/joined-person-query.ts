/** The joined-person query both person benches send: one person across all four subgraphs. */
export const QUERY = `query JoinedPerson($id: ID!) { person(id: $id) { givenName familyName
  claimant { nino jobcentre benefitClaims { benefit claimDate } }
  prisoner { prisonNumber latestCustodyPeriod { releaseDate establishment { name } } }
  probationCase { crn practitionerName licenceConditions { kind restrictsWork } }
  supportRecords { organisation { name } referrals { status service { kind } } } } }`;
