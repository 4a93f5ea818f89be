import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The pseudonymous key the identity service gives one of a controller's records: the same for
 * every record of one person, in every controller, and meaningless without identity's secret.
 * Reporting counts over it; nothing else reads it.
 */
@Entity('reporting_key')
export class ReportingKey {
  @PrimaryColumn({ name: 'record_kind', type: 'varchar', length: 30 })
  recordKind!: string;

  @PrimaryColumn({ name: 'record_id', type: 'varchar', length: 64 })
  recordId!: string;

  @Column({ name: 'person_key', type: 'varchar', length: 32 })
  personKey!: string;

  /** Which publication from identity set it: a full republish removes what it did not set. */
  @Column({ type: 'integer' })
  generation!: number;
}
