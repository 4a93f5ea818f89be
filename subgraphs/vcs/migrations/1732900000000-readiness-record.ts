import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  type TableColumnOptions,
  TableForeignKey,
  TableIndex,
} from 'typeorm';

const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});

/**
 * The readiness-for-work items a charity records against a support record, one row per
 * recording (the latest is the current status). Indexed for "the latest row of each item of
 * these records", which also serves the foreign key.
 */
export class ReadinessRecord1732900000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'readiness_record',
        columns: [
          { ...text('id', 36), isPrimary: true },
          text('support_record_id', 36),
          text('item', 40),
          text('status', 20),
          text('note', 500, true),
          text('recorded_by', 255),
          text('recorded_by_organisation', 255),
          text('recorded_at', 24),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_readiness_record_support_record_id',
            columnNames: ['support_record_id'],
            referencedTableName: 'support_record',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_readiness_record_support_record_id',
            columnNames: ['support_record_id', 'item', 'recorded_at', 'id'],
          }),
        ],
      }),
      false,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('readiness_record');
  }
}
