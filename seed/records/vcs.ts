import type { SeedFaker } from '../seed-faker';
import { type Day, toIso } from '../calendar';
import { type LifeStory, latestSpell } from '../life-story';
import { NOISE } from '../rates';
import { LIFE_RATES as RATES } from '../rates';
import { recordDetails } from '../noise';
import { ENGAGEMENT_NOTES } from '../reference-data';
import { type IdentityRecord, type TableRows, type TruthRow, addRow } from './rows';

/** The charities' reference rows the people are referred to. */
export interface CharityDirectory {
  organisations: { id: string; region: string; services: { id: string; kind: string }[] }[];
  employerIds: readonly string[];
}

export interface CharityPlan {
  organisationId: string;
  serviceId: string;
  serviceKind: string;
  source: string;
  referredOn: Day;
}

/** Whether, where and when the person is referred; through-the-gate work starts before release. */
export function planCharityReferral(
  faker: SeedFaker,
  story: LifeStory,
  asOf: Day,
  directory: CharityDirectory,
): CharityPlan | null {
  if (!faker.datatype.boolean(RATES.charityReferral.value)) return null;
  const local = directory.organisations.filter((o) => o.region === story.area.region);
  const organisation = faker.helpers.arrayElement(local.length ? local : directory.organisations);
  const service = faker.helpers.arrayElement(organisation.services);
  const source = faker.helpers.weightedArrayElement([
    { value: 'PRISON', weight: 45 },
    { value: 'PROBATION', weight: 25 },
    { value: 'JOBCENTRE', weight: 15 },
    { value: 'SELF', weight: 15 },
  ]);
  const spell = latestSpell(story);
  const release = spell.release ?? spell.expectedRelease;
  const beforeRelease = source === 'PRISON' || service.kind === 'THROUGH_THE_GATE';
  const referredOn = beforeRelease
    ? release - faker.number.int({ min: 14, max: 84 })
    : release + faker.number.int({ min: 1, max: 120 });
  if (referredOn > asOf) return null;
  return {
    organisationId: organisation.id,
    serviceId: service.id,
    serviceKind: service.kind,
    source,
    referredOn,
  };
}

export interface VcsOutput {
  rows: TableRows;
  truth: TruthRow[];
  identities: IdentityRecord[];
}

export function vcsRecords(
  faker: SeedFaker,
  story: LifeStory,
  plan: CharityPlan | null,
  asOf: Day,
  directory: CharityDirectory,
): VcsOutput {
  const rows: TableRows = {};
  if (!plan) return { rows, truth: [], identities: [] };
  const id = faker.recordId();
  const recorded = recordDetails(faker, story.details, {
    ...NOISE.vcs,
    prisonNumberRecorded: plan.source === 'PRISON' ? NOISE.vcs.prisonNumberRecorded : 0,
  });
  addRow(rows, 'SupportRecord', {
    id,
    organisationId: plan.organisationId,
    ...recorded,
    openedOn: toIso(plan.referredOn),
    updatedAt: `${toIso(asOf)}T00:00:00.000Z`,
  });
  const referralId = faker.recordId();
  const status = faker.helpers.weightedArrayElement([
    { value: 'PENDING', weight: 8 },
    { value: 'ACTIVE', weight: 45 },
    { value: 'COMPLETED', weight: 30 },
    { value: 'DECLINED', weight: 7 },
    { value: 'WITHDRAWN', weight: 10 },
  ]);
  const accepted =
    status === 'PENDING' || status === 'DECLINED'
      ? null
      : plan.referredOn + faker.number.int({ min: 1, max: 14 });
  addRow(rows, 'Referral', {
    id: referralId,
    supportRecordId: id,
    serviceId: plan.serviceId,
    source: plan.source,
    referredOn: toIso(plan.referredOn),
    acceptedOn: accepted === null || accepted > asOf ? null : toIso(accepted),
    status,
  });
  if (accepted !== null) engagements(faker, rows, story, id, referralId, accepted, asOf);
  if ((status === 'ACTIVE' || status === 'COMPLETED') && accepted !== null && accepted <= asOf) {
    readiness(rows, id, plan.organisationId, accepted, asOf);
  }
  outcomes(faker, rows, story, id, plan.referredOn, directory);
  consents(faker, rows, id, plan.referredOn, asOf);
  return {
    rows,
    truth: [{ personKey: story.key, source: 'vcs', sourceId: id }],
    identities: [{ source: 'vcs', sourceId: id, ...recorded, pncNumber: null }],
  };
}

function engagements(
  faker: SeedFaker,
  rows: TableRows,
  story: LifeStory,
  supportRecordId: string,
  referralId: string,
  from: Day,
  asOf: Day,
) {
  const spell = latestSpell(story);
  const release = spell.release ?? spell.expectedRelease;
  let day = from;
  for (let n = faker.number.int({ min: 1, max: 8 }); n > 0 && day <= asOf; n--) {
    const inPrison = day < release;
    addRow(rows, 'Engagement', {
      id: faker.recordId(),
      supportRecordId,
      referralId,
      date: toIso(day),
      kind:
        day === from
          ? 'INITIAL_ASSESSMENT'
          : inPrison
            ? 'IN_PRISON_VISIT'
            : faker.helpers.arrayElement([
                'ONE_TO_ONE',
                'GROUP_SESSION',
                'MENTORING_SESSION',
                'CV_WORKSHOP',
                'EMPLOYER_INTRODUCTION',
              ]),
      notes: faker.helpers.arrayElement(ENGAGEMENT_NOTES),
    });
    day += faker.number.int({ min: 7, max: 21 });
  }
}

function outcomes(
  faker: SeedFaker,
  rows: TableRows,
  story: LifeStory,
  supportRecordId: string,
  referredOn: Day,
  directory: CharityDirectory,
) {
  const outcome = (kind: string, day: Day, employerId: string | null) =>
    addRow(rows, 'SupportOutcome', {
      id: faker.recordId(),
      supportRecordId,
      kind,
      date: toIso(day),
      employerId,
    });
  const job = story.job;
  if (job && job.day >= referredOn && faker.datatype.boolean(0.8)) {
    const employerId = faker.helpers.arrayElement(directory.employerIds);
    outcome('JOB_START', job.day, employerId);
    if (job.sustained13Weeks) outcome('JOB_SUSTAINED_13_WEEKS', job.day + 91, employerId);
    if (job.sustained26Weeks) outcome('JOB_SUSTAINED_26_WEEKS', job.day + 182, employerId);
  } else if (faker.datatype.boolean(0.1)) {
    outcome('TRAINING_START', referredOn + faker.number.int({ min: 14, max: 60 }), null);
  }
}

/** Each item a coordinator records: how likely it is recorded at all, and then COMPLETED. */
const READINESS_ITEMS: [item: string, recorded: number, completed: number][] = [
  ['CV', 0.8, 0.8],
  ['COVERING_LETTER', 0.45, 0.5],
  ['DISCLOSURE_LETTER', 0.7, 0.75],
  ['EMAIL', 0.55, 0.7],
  ['PHONE', 0.6, 0.75],
  ['MENTOR_ASSIGNED', 0.5, 0.85],
  ['INTERVIEW_CLOTHING', 0.25, 0.5],
];
/** How likely a completed item was first recorded IN_PROGRESS. */
const WORKED_ON_FIRST = 0.3;
const READINESS_NOTES = [
  null,
  null,
  null,
  null,
  null,
  'Checked at the last appointment.',
  'Done together in a session.',
  'Confirmed by phone.',
] as const;

/**
 * A 32-bit generator (mulberry32) seeded from a record's id. Readiness is drawn from it rather
 * than from the world's faker, so adding it left every other row of the world as it was.
 */
function drawsFor(recordId: string): () => number {
  let state = parseInt(recordId.slice(-8), 16);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What a coordinator of the organisation recorded of the person's readiness for work since the
 * referral was accepted: the latest status of some items, sometimes after an earlier IN_PROGRESS.
 * Ids keep the support record's time-ordered prefix, numbered in the order of recording.
 */
function readiness(
  rows: TableRows,
  supportRecordId: string,
  organisationId: string,
  from: Day,
  asOf: Day,
) {
  const draw = drawsFor(supportRecordId);
  const upTo = (n: number) => Math.floor(draw() * (n + 1));
  const recordedBy = `coordinator-${1 + upTo(2)}-${organisationId.slice(-6)}`;
  const span = Math.min(asOf - from, 90);
  let sequence = 0;
  const record = (item: string, status: string, day: Day) => {
    const time = `${String(9 + upTo(7)).padStart(2, '0')}:${String(upTo(59)).padStart(2, '0')}`;
    addRow(rows, 'ReadinessRecord', {
      id: `${supportRecordId.slice(0, 15)}${(sequence++).toString(16).padStart(3, '0')}${supportRecordId.slice(18)}`,
      supportRecordId,
      item,
      status,
      note: READINESS_NOTES[upTo(READINESS_NOTES.length - 1)],
      recordedBy,
      recordedByOrganisation: organisationId,
      recordedAt: `${toIso(day)}T${time}:00.000Z`,
    });
  };
  for (const [item, recorded, completed] of READINESS_ITEMS) {
    if (draw() >= recorded) continue;
    const day = from + upTo(span);
    const done = draw() < completed;
    if (done && day > from && draw() < WORKED_ON_FIRST) {
      record(item, 'IN_PROGRESS', from + upTo(day - from - 1));
    }
    record(item, done ? 'COMPLETED' : 'IN_PROGRESS', day);
  }
}

function consents(
  faker: SeedFaker,
  rows: TableRows,
  supportRecordId: string,
  givenOn: Day,
  asOf: Day,
) {
  const scopes = [
    'EMPLOYMENT_SUPPORT',
    ...(['SHARE_WITH_DWP', 'SHARE_WITH_MOJ', 'SHARE_CASE_NOTES'] as const).filter((_, i) =>
      faker.datatype.boolean([0.7, 0.8, 0.3][i]),
    ),
  ];
  for (const scope of scopes) {
    const withdrawn = faker.datatype.boolean(RATES.consentWithdrawn.value)
      ? givenOn + faker.number.int({ min: 7, max: 200 })
      : null;
    addRow(rows, 'Consent', {
      id: faker.recordId(),
      supportRecordId,
      scope,
      givenOn: toIso(givenOn),
      withdrawnOn: withdrawn !== null && withdrawn <= asOf ? toIso(withdrawn) : null,
    });
  }
}
