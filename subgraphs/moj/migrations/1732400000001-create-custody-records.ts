import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  type TableColumnOptions,
  TableForeignKey,
  TableIndex,
} from 'typeorm';

const id: TableColumnOptions = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const custodyPeriodId: TableColumnOptions = {
  name: 'custody_period_id',
  type: 'varchar',
  length: '36',
};
const dates: TableColumnOptions[] = [
  { name: 'start_date', type: 'date' },
  { name: 'end_date', type: 'date', isNullable: true },
];

/** A table of rows that belong to one custody period, with the foreign key indexed. */
function custodyChild(name: string, columns: TableColumnOptions[]): Table {
  return new Table({
    name,
    columns: [id, custodyPeriodId, ...columns],
    foreignKeys: [
      new TableForeignKey({
        name: `FK_${name}_custody_period`,
        columnNames: ['custody_period_id'],
        referencedTableName: 'custody_period',
        referencedColumnNames: ['id'],
      }),
    ],
    indices: [
      new TableIndex({ name: `IDX_${name}_custody_period_id`, columnNames: ['custody_period_id'] }),
    ],
  });
}

export class CreateCustodyRecords1732400000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'establishment',
        columns: [
          { name: 'code', type: 'varchar', length: '3', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'region', type: 'varchar', length: '100' },
          { name: 'category', type: 'varchar', length: '30' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'custody_period',
        columns: [
          id,
          { name: 'prison_number', type: 'varchar', length: '7' },
          { name: 'establishment_code', type: 'varchar', length: '3' },
          { name: 'reception_date', type: 'date' },
          { name: 'release_date', type: 'date', isNullable: true },
          { name: 'expected_release_date', type: 'date', isNullable: true },
          { name: 'release_type', type: 'varchar', length: '40', isNullable: true },
          { name: 'sentence_band', type: 'varchar', length: '40' },
          { name: 'offence_category', type: 'varchar', length: '40' },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_custody_period_prisoner',
            columnNames: ['prison_number'],
            referencedTableName: 'prisoner',
            referencedColumnNames: ['prison_number'],
          }),
          new TableForeignKey({
            name: 'FK_custody_period_establishment',
            columnNames: ['establishment_code'],
            referencedTableName: 'establishment',
            referencedColumnNames: ['code'],
          }),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_custody_period_prison_number',
            columnNames: ['prison_number'],
          }),
          new TableIndex({
            name: 'IDX_custody_period_establishment_code',
            columnNames: ['establishment_code'],
          }),
          new TableIndex({
            name: 'IDX_custody_period_reception_date',
            columnNames: ['reception_date', 'id'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      custodyChild('release_on_temporary_licence', [
        { name: 'purpose', type: 'varchar', length: '20' },
        { name: 'employer_name', type: 'varchar', length: '200', isNullable: true },
        ...dates,
        { name: 'paid', type: 'boolean' },
      ]),
    );
    await queryRunner.createTable(
      custodyChild('prison_work_placement', [
        { name: 'activity', type: 'varchar', length: '20' },
        { name: 'role', type: 'varchar', length: '100' },
        { name: 'pay_band', type: 'varchar', length: '10' },
        ...dates,
      ]),
    );
    await queryRunner.createTable(
      custodyChild('education_course', [
        { name: 'subject', type: 'varchar', length: '200' },
        { name: 'level', type: 'varchar', length: '20' },
        ...dates,
        { name: 'achieved', type: 'boolean', isNullable: true },
      ]),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('education_course');
    await queryRunner.dropTable('prison_work_placement');
    await queryRunner.dropTable('release_on_temporary_licence');
    await queryRunner.dropTable('custody_period');
    await queryRunner.dropTable('establishment');
  }
}
