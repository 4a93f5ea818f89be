import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the prison helps someone get before release, as "get someone ready for work" names it. */
export enum ResettlementItemKind {
  ID = 'ID',
  BANK_ACCOUNT = 'BANK_ACCOUNT',
}

export enum ResettlementStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
}

export enum IdentityDocument {
  PASSPORT = 'PASSPORT',
  BIRTH_CERTIFICATE = 'BIRTH_CERTIFICATE',
  DRIVING_LICENCE = 'DRIVING_LICENCE',
  BIOMETRIC_RESIDENCE_PERMIT = 'BIOMETRIC_RESIDENCE_PERMIT',
  CITIZEN_CARD = 'CITIZEN_CARD',
}

/**
 * One recording of where a resettlement item stands for a prisoner. Each change is a new row:
 * the latest `recordedAt` is the item's status. Not in the GraphQL schema: identity reads it
 * through `prisonReadiness`.
 */
@Entity('resettlement_item')
export class ResettlementItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'prison_number', type: 'varchar', length: 7 })
  prisonNumber!: string;

  @Column({ type: 'varchar', length: 20 })
  item!: ResettlementItemKind;

  @Column({ type: 'varchar', length: 20 })
  status!: ResettlementStatus;

  /** Which document, for ID; null for a bank account or before one is chosen. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  document!: IdentityDocument | null;

  /** The user id of the member of staff who recorded it, e.g. prison-staff-0123. */
  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy!: string;

  /** ISO-8601 UTC, as `toISOString()` writes it, so it sorts as time does. */
  @Column({ name: 'recorded_at', type: 'varchar', length: 24 })
  recordedAt!: string;
}
