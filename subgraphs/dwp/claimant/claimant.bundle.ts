import { type Bundle, type BundlePart, partOf, sharedBundles } from '../../../lib/bundle';
import { MAX_FACT_KEYS } from '../../../lib/person-facts';
import { JobcentreAppointment } from '../appointment/appointment.entity';
import { BenefitClaim } from '../benefit-claim/benefit-claim.entity';
import type { DwpContext } from '../context';
import { EmploymentOutcome } from '../employment-outcome/employment-outcome.entity';
import { ProgrammeReferral } from '../programme-referral/programme-referral.entity';
import { WorkCoach } from '../work-coach/work-coach.entity';
import { Claimant } from './claimant.entity';

/** A claimant's own rows: `FROM <table> t WHERE t.nino IN :keys`. */
const byNino = (
  name: string,
  table: string,
  columns: Record<string, string>,
  booleans?: string[],
): BundlePart => ({
  name,
  from: `FROM ${table} t WHERE t.nino IN :keys`,
  owner: 't.nino',
  columns: Object.fromEntries(Object.entries(columns).map(([key, column]) => [key, `t.${column}`])),
  booleans,
});

/** Everything DWP holds on a claimant, by NINO, as the claimant's field resolvers show it. */
export const CLAIMANT_PARTS: BundlePart[] = [
  byNino('claimant', 'claimant', {
    nino: 'nino',
    givenName: 'given_name',
    familyName: 'family_name',
    dateOfBirth: 'date_of_birth',
    postcode: 'postcode',
    jobcentre: 'jobcentre',
    workCoachId: 'work_coach_id',
    updatedAt: 'updated_at',
  }),
  {
    name: 'workCoach',
    from: 'FROM work_coach w JOIN claimant c ON c.work_coach_id = w.id WHERE c.nino IN :keys',
    owner: 'c.nino',
    columns: {
      id: 'w.id',
      name: 'w.name',
      jobcentre: 'w.jobcentre',
      prisonWorkCoach: 'w.prison_work_coach',
    },
    booleans: ['prisonWorkCoach'],
  },
  byNino(
    'benefitClaim',
    'benefit_claim',
    {
      id: 'id',
      nino: 'nino',
      benefit: 'benefit',
      claimDate: 'claim_date',
      startedInCustody: 'started_in_custody',
      advancePayment: 'advance_payment',
      firstPaymentDate: 'first_payment_date',
      status: 'status',
    },
    ['startedInCustody', 'advancePayment'],
  ),
  byNino('appointment', 'jobcentre_appointment', {
    id: 'id',
    nino: 'nino',
    date: 'date',
    kind: 'kind',
    attendance: 'attendance',
    workCoachId: 'work_coach_id',
  }),
  byNino('programmeReferral', 'programme_referral', {
    id: 'id',
    nino: 'nino',
    programme: 'programme',
    referredOn: 'referred_on',
    startedOn: 'started_on',
    status: 'status',
  }),
  byNino(
    'employmentOutcome',
    'employment_outcome',
    {
      id: 'id',
      nino: 'nino',
      jobStartDate: 'job_start_date',
      sector: 'sector',
      hoursBand: 'hours_band',
      earningsBand: 'earnings_band',
      sustained13Weeks: 'sustained_13_weeks',
      sustained26Weeks: 'sustained_26_weeks',
    },
    ['sustained13Weeks', 'sustained26Weeks'],
  ),
];

/** The loader of claimants' bundles that every call of one gateway request shares. */
export const claimantBundles = sharedBundles(CLAIMANT_PARTS, MAX_FACT_KEYS);

/** A claimant's DWP record, each list in the order its loader gives it. */
export interface ClaimantRecord {
  claimant: Claimant | null;
  workCoach: WorkCoach | null;
  benefitClaims: BenefitClaim[];
  appointments: JobcentreAppointment[];
  programmeReferrals: ProgrammeReferral[];
  employmentOutcomes: EmploymentOutcome[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A part's rows as entities, by `date` then id, as the loaders order them. */
function rows<T extends { id: string }>(
  bundle: Bundle,
  part: string,
  entity: new () => T,
  date: keyof T,
): T[] {
  return partOf<Partial<T>>(bundle, part)
    .map((row) => Object.assign(new entity(), row))
    .sort((a, b) => compare(a[date] as string, b[date] as string) || compare(a.id, b.id));
}

export function claimantRecord(bundle: Bundle): ClaimantRecord {
  const [claimant] = partOf<Partial<Claimant>>(bundle, 'claimant');
  const [workCoach] = partOf<Partial<WorkCoach>>(bundle, 'workCoach');
  return {
    claimant: claimant ? Object.assign(new Claimant(), claimant) : null,
    workCoach: workCoach ? Object.assign(new WorkCoach(), workCoach) : null,
    benefitClaims: rows(bundle, 'benefitClaim', BenefitClaim, 'claimDate'),
    appointments: rows(bundle, 'appointment', JobcentreAppointment, 'date'),
    programmeReferrals: rows(bundle, 'programmeReferral', ProgrammeReferral, 'referredOn'),
    employmentOutcomes: rows(bundle, 'employmentOutcome', EmploymentOutcome, 'jobStartDate'),
  };
}

/** The records of `ninos` (each once, in NINO order), from the request's shared bundles. */
export async function claimantRecords(
  context: DwpContext,
  ninos: string[],
): Promise<ClaimantRecord[]> {
  const distinct = [...new Set(ninos)].sort(compare);
  const bundles = await Promise.all(distinct.map((nino) => context.bundles.load(nino)));
  return bundles.map(claimantRecord);
}

/**
 * The claimant `nino`, with every loader its field resolvers use primed from its bundle (an
 * empty list or a null too), so resolving the record's fields sends no more SQL.
 */
export async function primedClaimant(context: DwpContext, nino: string): Promise<Claimant | null> {
  const { loaders } = context;
  const record = claimantRecord(await context.bundles.load(nino));
  loaders.claimantByNino.prime(nino, record.claimant);
  if (record.claimant?.workCoachId)
    loaders.workCoachById.prime(record.claimant.workCoachId, record.workCoach);
  loaders.benefitClaimsByNino.prime(nino, record.benefitClaims);
  loaders.appointmentsByNino.prime(nino, record.appointments);
  loaders.programmeReferralsByNino.prime(nino, record.programmeReferrals);
  loaders.employmentOutcomesByNino.prime(nino, record.employmentOutcomes);
  return loaders.claimantByNino.load(nino);
}
