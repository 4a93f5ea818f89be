import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  TableColumn,
  TableForeignKey,
  TableIndex,
} from 'typeorm';

/** Work coaches, and the work coach each claimant is assigned to. */
export class CreateWorkCoaches1732400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'work_coach',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'jobcentre', type: 'varchar', length: '100' },
          { name: 'prison_work_coach', type: 'boolean' },
        ],
      }),
    );
    await queryRunner.addColumn(
      'claimant',
      new TableColumn({ name: 'work_coach_id', type: 'varchar', length: '36', isNullable: true }),
    );
    await queryRunner.createForeignKey(
      'claimant',
      new TableForeignKey({
        name: 'FK_claimant_work_coach_id',
        columnNames: ['work_coach_id'],
        referencedTableName: 'work_coach',
        referencedColumnNames: ['id'],
        onDelete: 'SET NULL',
      }),
    );
    await queryRunner.createIndex(
      'claimant',
      new TableIndex({ name: 'IDX_claimant_work_coach_id', columnNames: ['work_coach_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('claimant', 'IDX_claimant_work_coach_id');
    await queryRunner.dropForeignKey('claimant', 'FK_claimant_work_coach_id');
    await queryRunner.dropColumn('claimant', 'work_coach_id');
    await queryRunner.dropTable('work_coach');
  }
}
