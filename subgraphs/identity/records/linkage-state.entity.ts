import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small named values the linker keeps between runs: feed cursors, model parameters. */
@Entity('linkage_state')
export class LinkageState {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'text' })
  value!: string;
}
