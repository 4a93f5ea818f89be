import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DecisionKind = 'SAME_PERSON' | 'DIFFERENT_PEOPLE';

/** A data steward's ruling about two records; it wins over the model on every run. */
@Entity('steward_decision')
export class StewardDecisionRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  kind!: DecisionKind;

  @Column({ name: 'record_a', type: 'varchar', length: 48 })
  recordA!: string;

  @Column({ name: 'record_b', type: 'varchar', length: 48 })
  recordB!: string;

  @Column({ name: 'decided_by', type: 'varchar', length: 100 })
  decidedBy!: string;

  @Column({ name: 'decided_at', type: 'varchar', length: 24 })
  decidedAt!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;
}
