import { registerEnumType } from 'type-graphql';

export enum Benefit {
  UNIVERSAL_CREDIT = 'UNIVERSAL_CREDIT',
  JOBSEEKERS_ALLOWANCE = 'JOBSEEKERS_ALLOWANCE',
  EMPLOYMENT_AND_SUPPORT_ALLOWANCE = 'EMPLOYMENT_AND_SUPPORT_ALLOWANCE',
  PERSONAL_INDEPENDENCE_PAYMENT = 'PERSONAL_INDEPENDENCE_PAYMENT',
}

export enum ClaimStatus {
  OPEN = 'OPEN',
  IN_PAYMENT = 'IN_PAYMENT',
  CLOSED = 'CLOSED',
  DISALLOWED = 'DISALLOWED',
}

registerEnumType(Benefit, { name: 'Benefit', description: 'A DWP benefit.' });
registerEnumType(ClaimStatus, { name: 'ClaimStatus', description: 'Where a benefit claim is.' });
