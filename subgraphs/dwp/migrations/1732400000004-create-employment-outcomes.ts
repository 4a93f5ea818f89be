import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateEmploymentOutcomes1732400000004 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'employment_outcome',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'nino', type: 'varchar', length: '9' },
          { name: 'job_start_date', type: 'date' },
          { name: 'sector', type: 'varchar', length: '40' },
          { name: 'hours_band', type: 'varchar', length: '40' },
          { name: 'earnings_band', type: 'varchar', length: '40' },
          { name: 'sustained_13_weeks', type: 'boolean', isNullable: true },
          { name: 'sustained_26_weeks', type: 'boolean', isNullable: true },
        ],
        foreignKeys: [
          {
            name: 'FK_employment_outcome_nino',
            columnNames: ['nino'],
            referencedTableName: 'claimant',
            referencedColumnNames: ['nino'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          { name: 'IDX_employment_outcome_nino', columnNames: ['nino'] },
          { name: 'IDX_employment_outcome_job_start_date', columnNames: ['job_start_date', 'id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('employment_outcome');
  }
}
