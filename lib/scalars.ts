import { DateResolver } from 'graphql-scalars';

/** A calendar date (`YYYY-MM-DD`): dates of birth, release dates, referral dates. */
export const DateScalar = DateResolver;
