import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { ConsentScope } from '../consent/consent.entity';
import type { VcsContext } from '../context';
import { CharityCaseloads } from './charity-caseloads';
import { OPEN_REFERRAL_STATUSES } from './sharing';
import { SupportRecord } from './support-record.entity';

@Resolver()
export class CharityCaseloadResolver {
  @Directive('@inaccessible')
  @Query(() => [ID], {
    description:
      "For the identity service: the support records whose person a charity's coordinators may " +
      'see today (consent to employment support, or an open referral not withdrawn from).',
  })
  charityCaseload(
    @Arg('organisation', () => ID) organisation: string,
    @Ctx() context: VcsContext,
  ): Promise<string[]> {
    return caseloadsOf(context.database).of(String(organisation), today());
  }
}

const caseloads = new WeakMap<DataSource, CharityCaseloads>();

/** This process's kept caseloads for one database. */
function caseloadsOf(database: DataSource): CharityCaseloads {
  let kept = caseloads.get(database);
  if (!kept) {
    kept = new CharityCaseloads(database, (organisation, on) =>
      charityCaseload(database, organisation, on),
    );
    caseloads.set(database, kept);
  }
  return kept;
}

export const today = () => new Date().toISOString().slice(0, 10);

/**
 * SQL: the person has withdrawn consent to employment support from the support record aliased
 * `record`, by :on (a withdrawal counts from its day). Parameters: :support, :on.
 */
export const supportWithdrawnSql = (record: string) =>
  `EXISTS (SELECT 1 FROM consent WHERE consent.support_record_id = ${record}.id
     AND consent.scope = :support AND consent.withdrawn_on <= :on)`;

/** `sharedWithCharity` in SQL, for every support record one charity holds. */
export async function charityCaseload(
  database: DataSource,
  organisation: string,
  on: string,
): Promise<string[]> {
  const support = `consent.support_record_id = record.id AND consent.scope = :support`;
  const rows = await database
    .getRepository(SupportRecord)
    .createQueryBuilder('record')
    .select('record.id', 'id')
    .where('record.organisation_id = :organisation')
    .andWhere(
      `(EXISTS (SELECT 1 FROM consent WHERE ${support}
           AND (consent.withdrawn_on IS NULL OR consent.withdrawn_on > :on))
        OR (EXISTS (SELECT 1 FROM referral WHERE referral.support_record_id = record.id
                    AND referral.status IN (:...open))
            AND NOT ${supportWithdrawnSql('record')}))`,
    )
    .setParameters({
      organisation,
      on,
      support: ConsentScope.EMPLOYMENT_SUPPORT,
      open: OPEN_REFERRAL_STATUSES,
    })
    .orderBy('record.id')
    .getRawMany<{ id: string }>();
  return rows.map((row) => row.id);
}
