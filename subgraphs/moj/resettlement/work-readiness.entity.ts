import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum RightToWork {
  CONFIRMED = 'CONFIRMED',
  NONE = 'NONE',
  NOT_CHECKED = 'NOT_CHECKED',
}

/**
 * What the prison last recorded about a prisoner's readiness for work as a whole: whether their
 * right to work in the UK was checked, and whether they declined support. One row a prisoner.
 */
@Entity('work_readiness')
export class WorkReadiness {
  @PrimaryColumn({ name: 'prison_number', type: 'varchar', length: 7 })
  prisonNumber!: string;

  @Column({ name: 'right_to_work', type: 'varchar', length: 20 })
  rightToWork!: RightToWork;

  @Column({ name: 'support_declined', type: 'boolean' })
  supportDeclined!: boolean;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'varchar', length: 24 })
  recordedAt!: string;
}
