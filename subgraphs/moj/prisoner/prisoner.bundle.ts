import {
  type Bundle,
  type BundlePart,
  entitiesOf,
  entityPart,
  recordsOf,
} from '../../../lib/bundle';
import type { MojContext, MojLoaders } from '../context';
import { CustodyPeriod } from '../custody/custody-period.entity';
import { EducationCourse } from '../education/education-course.entity';
import { Establishment } from '../establishment/establishment.entity';
import { PrisonWorkPlacement } from '../prison-work/prison-work-placement.entity';
import { ResettlementItem } from '../resettlement/resettlement-item.entity';
import { WorkReadiness } from '../resettlement/work-readiness.entity';
import { ReleaseOnTemporaryLicence } from '../temporary-licence/release-on-temporary-licence.entity';
import { PrisonerAlias } from './prisoner-alias.entity';
import { Prisoner } from './prisoner.entity';

/** A custody period's child table, reached through the periods of the prisoners asked about. */
const ofPeriods = (table: string) => ({
  alias: 'x',
  from: `FROM "${table}" x JOIN "custody_period" c ON c."id" = x."custody_period_id" WHERE c."prison_number" IN :keys`,
  owner: 'c."prison_number"',
  ranked: { within: 'x."custody_period_id"', by: 'x."start_date", x."id"' },
});

/** Every row HMPPS holds about a prisoner, by prison number, in the loaders' orders. */
export const PRISONER_PARTS: BundlePart[] = [
  entityPart('prisoner', Prisoner, {
    alias: 'p',
    from: 'FROM "prisoner" p WHERE p."prison_number" IN :keys',
    owner: 'p."prison_number"',
  }),
  entityPart('alias', PrisonerAlias, {
    alias: 'a',
    from: 'FROM "prisoner_alias" a WHERE a."prison_number" IN :keys',
    owner: 'a."prison_number"',
    ranked: { within: 'a."prison_number"', by: 'a."family_name", a."given_name", a."id"' },
  }),
  entityPart('custodyPeriod', CustodyPeriod, {
    alias: 'c',
    from: 'FROM "custody_period" c WHERE c."prison_number" IN :keys',
    owner: 'c."prison_number"',
    ranked: { within: 'c."prison_number"', by: 'c."reception_date" DESC, c."id" DESC' },
  }),
  entityPart('establishment', Establishment, {
    alias: 'e',
    from: 'FROM "establishment" e JOIN "custody_period" c ON c."establishment_code" = e."code" WHERE c."prison_number" IN :keys',
    owner: 'c."prison_number"',
  }),
  entityPart('educationCourse', EducationCourse, ofPeriods('education_course')),
  entityPart('workPlacement', PrisonWorkPlacement, ofPeriods('prison_work_placement')),
  entityPart(
    'temporaryLicence',
    ReleaseOnTemporaryLicence,
    ofPeriods('release_on_temporary_licence'),
  ),
  entityPart('resettlementItem', ResettlementItem, {
    alias: 'r',
    from: 'FROM "resettlement_item" r WHERE r."prison_number" IN :keys',
    owner: 'r."prison_number"',
  }),
  entityPart('workReadiness', WorkReadiness, {
    alias: 'w',
    from: 'FROM "work_readiness" w WHERE w."prison_number" IN :keys',
    owner: 'w."prison_number"',
  }),
];

/** One prisoner's rows; each period's courses, placements and licences in their loader's order. */
export interface PrisonerRecord {
  prisonNumber: string;
  prisoner: Prisoner | null;
  aliases: PrisonerAlias[];
  /** Newest reception first. */
  custodyPeriods: CustodyPeriod[];
  establishments: Establishment[];
  educationCourses: EducationCourse[];
  workPlacements: PrisonWorkPlacement[];
  temporaryLicences: ReleaseOnTemporaryLicence[];
  resettlementItems: ResettlementItem[];
  workReadiness: WorkReadiness | null;
}

export function prisonerRecord(prisonNumber: string, bundle: Bundle): PrisonerRecord {
  const establishments = entitiesOf(bundle, 'establishment', Establishment);
  return {
    prisonNumber,
    prisoner: entitiesOf(bundle, 'prisoner', Prisoner)[0] ?? null,
    aliases: entitiesOf(bundle, 'alias', PrisonerAlias),
    custodyPeriods: entitiesOf(bundle, 'custodyPeriod', CustodyPeriod),
    // One row per period: two periods in one prison name it twice.
    establishments: [...new Map(establishments.map((e) => [e.code, e])).values()],
    educationCourses: entitiesOf(bundle, 'educationCourse', EducationCourse),
    workPlacements: entitiesOf(bundle, 'workPlacement', PrisonWorkPlacement),
    temporaryLicences: entitiesOf(bundle, 'temporaryLicence', ReleaseOnTemporaryLicence),
    resettlementItems: entitiesOf(bundle, 'resettlementItem', ResettlementItem),
    workReadiness: entitiesOf(bundle, 'workReadiness', WorkReadiness)[0] ?? null,
  };
}

/** Gives the loaders every row the Prisoner and CustodyPeriod field resolvers read, empty or not. */
export function primePrisoner(loaders: MojLoaders, record: PrisonerRecord): void {
  const { prisonNumber, custodyPeriods } = record;
  loaders.prisonerByNumber.prime(prisonNumber, record.prisoner);
  loaders.aliasesByPrisonNumber.prime(prisonNumber, record.aliases);
  loaders.custodyPeriodsByPrisonNumber.prime(prisonNumber, custodyPeriods);
  for (const establishment of record.establishments) {
    loaders.establishmentByCode.prime(establishment.code, establishment);
  }
  for (const { id } of custodyPeriods) {
    const ofPeriod = <T extends { custodyPeriodId: string }>(rows: T[]) =>
      rows.filter((row) => row.custodyPeriodId === id);
    loaders.educationCoursesByCustodyPeriod.prime(id, ofPeriod(record.educationCourses));
    loaders.workPlacementsByCustodyPeriod.prime(id, ofPeriod(record.workPlacements));
    loaders.temporaryLicencesByCustodyPeriod.prime(id, ofPeriod(record.temporaryLicences));
  }
}

/** A prisoner by number from the request's bundle, with the loaders primed for its fields. */
export async function bundledPrisoner(
  context: MojContext,
  prisonNumber: string,
): Promise<Prisoner | null> {
  const [record] = await recordsOf(context.bundles.prisoners, [prisonNumber], prisonerRecord);
  primePrisoner(context.loaders, record);
  return context.loaders.prisonerByNumber.load(prisonNumber);
}
