/** Days since 1970-01-01: the generator does date arithmetic on whole days. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export const toDay = (iso: string): Day => Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
const isoByDay = new Map<Day, string>();

/** Cached: a world of a million people uses a few thousand distinct days, millions of times. */
export function toIso(day: Day): string {
  let iso = isoByDay.get(day);
  if (iso === undefined)
    isoByDay.set(day, (iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10)));
  return iso;
}
