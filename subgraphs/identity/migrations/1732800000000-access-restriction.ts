import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

const text = (name: string, length: number, nullable = false) => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

export class AccessRestriction1732800000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'access_restriction',
        columns: [
          { ...text('id', 36), isPrimary: true },
          text('record_key', 48),
          text('reason', 500),
          { name: 'allowed_subjects', type: 'text' },
          text('created_by', 100),
          text('created_at', 24),
          text('lifted_by', 100, true),
          text('lifted_at', 24, true),
        ],
        indices: [{ name: 'ix_access_restriction_record', columnNames: ['record_key'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('access_restriction');
  }
}
