/** Age at release, in the bands MoJ's statistics use. */
export enum AgeBand {
  AGE_18_TO_24 = 'AGE_18_TO_24',
  AGE_25_TO_29 = 'AGE_25_TO_29',
  AGE_30_TO_39 = 'AGE_30_TO_39',
  AGE_40_TO_49 = 'AGE_40_TO_49',
  AGE_50_AND_OVER = 'AGE_50_AND_OVER',
}

const BANDS: [number, AgeBand][] = [
  [50, AgeBand.AGE_50_AND_OVER],
  [40, AgeBand.AGE_40_TO_49],
  [30, AgeBand.AGE_30_TO_39],
  [25, AgeBand.AGE_25_TO_29],
];

/** Whole years from a date of birth to a day, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

export function ageBand(dateOfBirth: string, day: string): AgeBand {
  const age = ageOn(dateOfBirth, day);
  return BANDS.find(([from]) => age >= from)?.[1] ?? AgeBand.AGE_18_TO_24;
}
