import { registerEnumType } from 'type-graphql';

export enum HoursBand {
  UNDER_16 = 'UNDER_16',
  FROM_16_TO_29 = 'FROM_16_TO_29',
  FULL_TIME_30_PLUS = 'FULL_TIME_30_PLUS',
}

/** Monthly earnings in pounds. */
export enum EarningsBand {
  UNDER_500 = 'UNDER_500',
  FROM_500_TO_999 = 'FROM_500_TO_999',
  FROM_1000_TO_1499 = 'FROM_1000_TO_1499',
  FROM_1500 = 'FROM_1500',
}

registerEnumType(HoursBand, { name: 'HoursBand', description: 'Weekly hours worked.' });
registerEnumType(EarningsBand, { name: 'EarningsBand', description: 'Monthly earnings, £.' });
