import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  TableColumn,
  TableForeignKey,
  TableIndex,
} from 'typeorm';

const NEW_COLUMNS = [
  { name: 'pnc_number', type: 'varchar', length: '13', isNullable: true },
  { name: 'prison_number', type: 'varchar', length: '7', isNullable: true },
  { name: 'nino', type: 'varchar', length: '9', isNullable: true },
  { name: 'risk_level', type: 'varchar', length: '10' },
  { name: 'accommodation_on_release', type: 'varchar', length: '20' },
  { name: 'ete_status_at_release', type: 'varchar', length: '30', isNullable: true },
  { name: 'ete_status_at_6_weeks', type: 'varchar', length: '30', isNullable: true },
  { name: 'ete_status_at_6_months', type: 'varchar', length: '30', isNullable: true },
];

/**
 * Probation cases gain identifiers, risk, accommodation and ETE status, plus licence conditions.
 * `risk_level` and `accommodation_on_release` are required, so older rows must be re-seeded.
 */
export class ExtendProbationCase1732400000002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns(
      'probation_case',
      NEW_COLUMNS.map((column) => new TableColumn(column)),
    );
    await queryRunner.createTable(
      new Table({
        name: 'licence_condition',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'crn', type: 'varchar', length: '7' },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'description', type: 'varchar', length: '500' },
          { name: 'restricts_work', type: 'boolean' },
          { name: 'start_date', type: 'date' },
          { name: 'end_date', type: 'date', isNullable: true },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_licence_condition_probation_case',
            columnNames: ['crn'],
            referencedTableName: 'probation_case',
            referencedColumnNames: ['crn'],
          }),
        ],
        indices: [new TableIndex({ name: 'IDX_licence_condition_crn', columnNames: ['crn'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('licence_condition');
    await queryRunner.dropColumns(
      'probation_case',
      NEW_COLUMNS.map((column) => column.name),
    );
  }
}
