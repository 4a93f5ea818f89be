import type { SeedFaker } from '../seed-faker';
import type { Day } from '../calendar';
import { type JobStart, type LifeStory, latestSpell } from '../life-story';
import { LIFE_RATES as RATES } from '../rates';

/**
 * Whether and when a job starts after the latest release. The six-month rate is the
 * headline; two thirds of those jobs start within six weeks and two fifths are lined up at
 * release, so the six-week and at-release figures follow from it.
 */
export function drawJob(faker: SeedFaker, story: LifeStory, asOf: Day): JobStart | null {
  const release = latestSpell(story).release;
  if (release === null) return null;
  const byMonths6 = story.ipsParticipant
    ? story.sex === 'FEMALE'
      ? RATES.ipsJobStartFemale.value
      : RATES.ipsJobStartMale.value
    : RATES.employedAt6Months.value;
  const roll = faker.number.float();
  const offset =
    roll < byMonths6 * 0.4
      ? faker.number.int(7)
      : roll < byMonths6 * (2 / 3)
        ? faker.number.int({ min: 8, max: 42 })
        : roll < byMonths6
          ? faker.number.int({ min: 43, max: 182 })
          : null;
  if (offset === null || release + offset > asOf) return null;
  const day = release + offset;
  const sustained13Weeks =
    day + 91 <= asOf ? faker.datatype.boolean(RATES.sustained13Weeks.value) : null;
  const sustained26Weeks =
    sustained13Weeks === false
      ? false
      : day + 182 <= asOf && sustained13Weeks
        ? faker.datatype.boolean(RATES.sustained26Weeks.value)
        : null;
  return { day, sustained13Weeks, sustained26Weeks };
}
