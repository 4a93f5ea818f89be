import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RecordSource, RecordedName } from '../linking/source-record';

/** The identity service's copy of the matching fields a controller's feed sent: nothing more. */
@Entity('source_record')
export class StoredSourceRecord {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  source!: RecordSource;

  @PrimaryColumn({ name: 'source_id', type: 'varchar', length: 36 })
  sourceId!: string;

  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName!: string;

  @Column({ name: 'other_names', type: 'simple-json', nullable: true })
  otherNames!: RecordedName[] | null;

  @Column({ name: 'date_of_birth', type: 'varchar', length: 10, nullable: true })
  dateOfBirth!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  postcode!: string | null;

  @Column({ type: 'varchar', length: 9, nullable: true })
  nino!: string | null;

  @Column({ name: 'prison_number', type: 'varchar', length: 7, nullable: true })
  prisonNumber!: string | null;

  @Column({ name: 'pnc_number', type: 'varchar', length: 14, nullable: true })
  pncNumber!: string | null;

  @Column({ type: 'varchar', length: 7, nullable: true })
  crn!: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt!: string;
}
