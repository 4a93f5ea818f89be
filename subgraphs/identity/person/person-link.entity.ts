import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Which kind of native record a link points at, named by controller and record. */
export enum LinkedRecordKind {
  DWP_CLAIMANT = 'DWP_CLAIMANT',
  MOJ_PRISONER = 'MOJ_PRISONER',
  MOJ_PROBATION_CASE = 'MOJ_PROBATION_CASE',
  VCS_SUPPORT_RECORD = 'VCS_SUPPORT_RECORD',
}

/** "This native record is this person": the join the gateway follows. */
@Entity('person_link')
export class PersonLink {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Column({ name: 'record_kind', type: 'varchar', length: 30 })
  recordKind!: LinkedRecordKind;

  @Column({ name: 'record_id', type: 'varchar', length: 36 })
  recordId!: string;
}
