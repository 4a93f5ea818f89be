import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AUDIT_LIMITS } from '../../../lib/audit/audit-entry.entity';

/**
 * The readiness-for-work items a charity owns, in the order a checklist shows them. ID, a bank
 * account, housing on release and a UC claim belong to other controllers and are not here.
 */
export enum ReadinessItemKind {
  CV = 'CV',
  COVERING_LETTER = 'COVERING_LETTER',
  DISCLOSURE_LETTER = 'DISCLOSURE_LETTER',
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  MENTOR_ASSIGNED = 'MENTOR_ASSIGNED',
  INTERVIEW_CLOTHING = 'INTERVIEW_CLOTHING',
  /** Derived from the support record's referrals; never recorded by hand. */
  EMPLOYMENT_SERVICE_REFERRAL = 'EMPLOYMENT_SERVICE_REFERRAL',
}

export enum ReadinessStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
}

/** The controller that holds an item. Only the voluntary sector's items exist so far. */
export enum ReadinessSource {
  VCS = 'VCS',
}

registerEnumType(ReadinessItemKind, {
  name: 'ReadinessItemKind',
  description: 'One item of a readiness-for-work checklist that a charity records.',
  valuesConfig: {
    EMPLOYMENT_SERVICE_REFERRAL: {
      description: "Derived from the support record's referrals; it cannot be recorded by hand.",
    },
  },
});
registerEnumType(ReadinessStatus, {
  name: 'ReadinessStatus',
  description: 'Where one readiness item stands.',
});
registerEnumType(ReadinessSource, {
  name: 'ReadinessSource',
  description: 'The controller that holds a readiness item.',
});

/** The items in checklist order: `SupportRecord.readiness` gives one entry for each. */
export const READINESS_ITEMS: readonly ReadinessItemKind[] = Object.values(ReadinessItemKind);

/** The items a coordinator records; the rest are derived. */
export const RECORDED_ITEMS: readonly ReadinessItemKind[] = READINESS_ITEMS.filter(
  (item) => item !== ReadinessItemKind.EMPLOYMENT_SERVICE_REFERRAL,
);

export const NOTE_MAX_LENGTH = 500;

/**
 * One recording of one item for one support record. Rows are only ever added: an item's current
 * status is its latest row, and the earlier rows are its history.
 */
@Entity('readiness_record')
export class ReadinessRecord {
  /** Time-ordered (UUIDv7), so rows recorded in the same millisecond still have an order. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'support_record_id', type: 'varchar', length: 36 })
  supportRecordId!: string;

  @Column({ type: 'varchar', length: 40 })
  item!: ReadinessItemKind;

  @Column({ type: 'varchar', length: 20 })
  status!: ReadinessStatus;

  @Column({ type: 'varchar', length: NOTE_MAX_LENGTH, nullable: true })
  note!: string | null;

  /** The coordinator's user id (their token's subject). */
  @Column({ name: 'recorded_by', type: 'varchar', length: AUDIT_LIMITS.subject })
  recordedBy!: string;

  @Column({
    name: 'recorded_by_organisation',
    type: 'varchar',
    length: AUDIT_LIMITS.organisation,
  })
  recordedByOrganisation!: string;

  /** ISO-8601 UTC. */
  @Column({ name: 'recorded_at', type: 'varchar', length: 24 })
  recordedAt!: string;
}

@ObjectType({
  description:
    'Where one readiness-for-work item stands for the person a support record is about: the ' +
    'latest recording of it, or NOT_STARTED if none.',
})
export class ReadinessItem {
  @Field(() => ID, { description: 'The support record it belongs to.' })
  supportRecordId!: string;

  @Field(() => ReadinessItemKind)
  item!: ReadinessItemKind;

  @Field(() => ReadinessStatus)
  status!: ReadinessStatus;

  @Field(() => ReadinessSource, { description: 'The controller that holds it.' })
  source!: ReadinessSource;

  @Field(() => String, {
    nullable: true,
    description:
      'Who recorded the current status (their user id); null if never recorded or derived.',
  })
  recordedBy!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'When, ISO-8601 UTC; for a derived item, the date of the referral it comes from. Null if ' +
      'never recorded.',
  })
  recordedAt!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The coordinator's note on the current status (charity casework).",
  })
  note!: string | null;
}
