/** Days since 1970-01-01: the generator does date arithmetic on whole days. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export const toDay = (iso: string): Day => Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
export const toIso = (day: Day): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
