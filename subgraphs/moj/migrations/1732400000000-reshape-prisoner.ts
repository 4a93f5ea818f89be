import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  TableColumn,
  TableForeignKey,
  TableIndex,
} from 'typeorm';

/**
 * Prisoner loses `establishment` and `release_date` (custody periods now hold both) and gains
 * `sex` and `nino`; aliases get their own table. `sex` is required, so rows loaded before this
 * contract must be re-seeded.
 */
export class ReshapePrisoner1732400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('prisoner', ['establishment', 'release_date']);
    await queryRunner.addColumns('prisoner', [
      new TableColumn({ name: 'sex', type: 'varchar', length: '6' }),
      new TableColumn({ name: 'nino', type: 'varchar', length: '9', isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'prisoner_alias',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'prison_number', type: 'varchar', length: '7' },
          { name: 'given_name', type: 'varchar', length: '100' },
          { name: 'family_name', type: 'varchar', length: '100' },
          { name: 'date_of_birth', type: 'date', isNullable: true },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_prisoner_alias_prisoner',
            columnNames: ['prison_number'],
            referencedTableName: 'prisoner',
            referencedColumnNames: ['prison_number'],
          }),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_prisoner_alias_prison_number',
            columnNames: ['prison_number'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('prisoner_alias');
    await queryRunner.dropColumns('prisoner', ['sex', 'nino']);
    await queryRunner.addColumns('prisoner', [
      new TableColumn({ name: 'establishment', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'release_date', type: 'date', isNullable: true }),
    ]);
  }
}
