import { Arg, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { ConsentScope } from '../consent/consent.entity';
import type { VcsContext } from '../context';
import { type CaseloadChange, CharityCaseloads } from './charity-caseloads';
import { OPEN_REFERRAL_STATUSES } from './sharing';
import { SupportRecord } from './support-record.entity';

@Directive('@inaccessible')
@ObjectType({ description: "A charity's caseload, as vcs answers the identity service." })
export class CharityCaseload implements CaseloadChange {
  @Field(() => String, {
    nullable: true,
    description:
      'Names this caseload: asked again with it as `since`, the answer has no ids while the ' +
      'caseload cannot have changed. Null when it cannot be named, so nothing should be kept.',
  })
  version!: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'The support records, in id order; null when unchanged since `since`.',
  })
  ids!: string[] | null;
}

@Resolver()
export class CharityCaseloadResolver {
  @Directive('@inaccessible')
  @Query(() => CharityCaseload, {
    description:
      "For the identity service: the support records whose person a charity's coordinators may " +
      'see today (consent to employment support, or an open referral not withdrawn from).',
  })
  charityCaseload(
    @Arg('organisation', () => ID) organisation: string,
    @Arg('since', () => String, { nullable: true }) since: string | null,
    @Ctx() context: VcsContext,
  ): Promise<CaseloadChange> {
    return caseloadsOf(context.database).changedSince(String(organisation), today(), since ?? null);
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
