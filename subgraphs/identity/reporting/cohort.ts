import { ErrorCode, badUserInput, hubError } from '../../../lib/errors';
import { type CohortColumns, type CohortCount, TOTAL_CELL } from '../../../lib/reporting/cohort';
import { Controller } from '../person-view/controller-facts';
import { CohortDimension, type CohortFilter } from './cohort-outcomes.type';
import type { ReleaseSpine } from '../../../lib/reporting/release-facts';
import type { AskController } from './reporting-calls';

/** A cohort's releases as MoJ gives them, column by column, with their memberHashes if known. */
export type Releases = ReleaseSpine & { memberHashes?: ArrayLike<number> };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The values MoJ and DWP record, so a misspelt one is an error, not an empty table. */
const KNOWN: Partial<Record<keyof CohortFilter, readonly string[]>> = {
  sex: ['FEMALE', 'MALE'],
  releaseType: [
    'AUTOMATIC_RELEASE_ON_LICENCE',
    'HOME_DETENTION_CURFEW',
    'PAROLE',
    'SENTENCE_EXPIRY',
    'RELEASED_FROM_REMAND',
  ],
  programme: [
    'RESTART_SCHEME',
    'SECTOR_BASED_WORK_ACADEMY',
    'WORK_AND_HEALTH_PROGRAMME',
    'JOB_ENTRY_TARGETED_SUPPORT',
  ],
};

function checkKnown(filter: CohortFilter): void {
  for (const [name, values] of Object.entries(KNOWN)) {
    const given = filter[name as keyof CohortFilter];
    if (given != null && !values.includes(given)) {
      throw badUserInput(`filter.${name}`, `${name} is one of ${values.join(', ')}.`);
    }
  }
}

/** The first and last days of the filter's months, checked. */
export function period(filter: CohortFilter): { from: string; to: string } {
  checkKnown(filter);
  for (const [name, value] of [
    ['releasedFrom', filter.releasedFrom],
    ['releasedTo', filter.releasedTo],
  ] as const) {
    if (!MONTH.test(value))
      throw badUserInput(`filter.${name}`, `Give ${name} as a month, YYYY-MM.`);
  }
  if (filter.releasedFrom > filter.releasedTo) {
    throw badUserInput('filter.releasedTo', 'releasedTo is before releasedFrom.');
  }
  const [year, month] = filter.releasedTo.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${filter.releasedFrom}-01`, to: `${filter.releasedTo}-${lastDay}` };
}

const RELEASES = `query ($from: String!, $to: String!, $establishment: String, $region: String,
    $sex: String, $releaseType: String, $ageBand: String) {
  releaseCohort(from: $from, to: $to, establishment: $establishment, region: $region, sex: $sex,
    releaseType: $releaseType, ageBand: $ageBand) { size columns } }`;

/** Who was released in the period, as MoJ has it; without MoJ there is no cohort. */
export async function releasesOf(ask: AskController, filter: CohortFilter): Promise<Releases> {
  const { from, to } = period(filter);
  const answer = await ask<{ releaseCohort: { columns: string } }>('moj', RELEASES, {
    from,
    to,
    establishment: filter.establishment ?? null,
    region: filter.region ?? null,
    sex: filter.sex ?? null,
    releaseType: filter.releaseType ?? null,
    ageBand: filter.ageBand ?? null,
  }).catch(() => {
    throw unavailable([Controller.MOJ], 'Who was released comes from MoJ');
  });
  return JSON.parse(answer.releaseCohort.columns) as Releases;
}

/** The releases' services (position → kinds), from the charities. */
export async function servicesOf(ask: AskController, releases: Releases) {
  const answer = await ask<{ serviceUsers: string }>(
    'vcs',
    'query ($cohort: String!) { serviceUsers(cohort: $cohort) }',
    { cohort: JSON.stringify(asCohort(releases)) },
  ).catch(() => {
    throw unavailable(
      [Controller.VCS],
      'Which charity services people had comes from the charities',
    );
  });
  const { position, service } = JSON.parse(answer.serviceUsers) as {
    position: number[];
    service: string[];
  };
  const byPosition = new Map<number, string[]>();
  position.forEach((at, i) => byPosition.set(at, [...(byPosition.get(at) ?? []), service[i]]));
  return byPosition;
}

/** The releases followed by a referral to a DWP programme, by position. */
export async function programmeOf(ask: AskController, releases: Releases, programme: string) {
  const answer = await ask<{ programmeParticipants: number[] }>(
    'dwp',
    'query ($cohort: String!, $programme: String!) { programmeParticipants(cohort: $cohort, programme: $programme) }',
    { cohort: JSON.stringify(asCohort(releases)), programme },
  ).catch(() => {
    throw unavailable([Controller.DWP], 'Who was referred to a programme comes from DWP');
  });
  return new Set(answer.programmeParticipants);
}

const asCohort = (releases: Releases): CohortColumns => ({
  personKey: releases.personKey,
  released: releases.released,
  received: releases.received,
  cell: releases.personKey.map(() => 0),
});

const COUNTS: Record<Controller, string> = {
  [Controller.MOJ]: 'custodyCohortCounts',
  [Controller.DWP]: 'claimantCohortCounts',
  [Controller.VCS]: 'supportCohortCounts',
};
/** Which subgraph holds each controller's records. */
export const SUBGRAPH = {
  [Controller.MOJ]: 'moj',
  [Controller.DWP]: 'dwp',
  [Controller.VCS]: 'vcs',
} as const;

/** Each controller's counts per cell, side by side; null where a controller could not answer. */
export async function countsOf(ask: AskController, cohort: CohortColumns) {
  const text = JSON.stringify(cohort);
  const asked = await Promise.allSettled(
    Object.values(Controller).map((controller) =>
      ask<Record<string, CohortCount[]>>(
        SUBGRAPH[controller],
        `query ($cohort: String!) { ${COUNTS[controller]}(cohort: $cohort) { cell counts medians } }`,
        { cohort: text },
      ).then((data) => data[COUNTS[controller]]),
    ),
  );
  return new Map(
    Object.values(Controller).map((controller, i) => {
      const result = asked[i];
      return [controller, result.status === 'fulfilled' ? result.value : null] as const;
    }),
  );
}

export function unavailable(controllers: Controller[], what: string) {
  return hubError(
    ErrorCode.UPSTREAM_UNAVAILABLE,
    `${what}, which could not answer just now: try again shortly.`,
    { services: controllers },
  );
}

export const DIMENSION_COLUMN: Record<
  CohortDimension,
  Exclude<keyof Releases, 'memberHashes'> | 'service'
> = {
  [CohortDimension.MONTH]: 'month',
  [CohortDimension.ESTABLISHMENT]: 'establishment',
  [CohortDimension.REGION]: 'region',
  [CohortDimension.SEX]: 'sex',
  [CohortDimension.AGE_BAND]: 'ageBand',
  [CohortDimension.SERVICE]: 'service',
};

export { TOTAL_CELL };
