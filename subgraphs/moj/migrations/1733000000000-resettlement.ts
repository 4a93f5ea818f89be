import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  type TableColumnOptions,
  TableForeignKey,
  TableIndex,
} from 'typeorm';

const recorded: TableColumnOptions[] = [
  { name: 'recorded_by', type: 'varchar', length: '100' },
  { name: 'recorded_at', type: 'varchar', length: '24' },
];

const ofPrisoner = (table: string) =>
  new TableForeignKey({
    name: `FK_${table}_prisoner`,
    columnNames: ['prison_number'],
    referencedTableName: 'prisoner',
    referencedColumnNames: ['prison_number'],
  });

/**
 * What the prison records to get someone ready for work: each recording of an ID or bank account
 * item (the latest counts, so the index serves "latest per item"), and the right-to-work check.
 */
export class Resettlement1733000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'resettlement_item',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'prison_number', type: 'varchar', length: '7' },
          { name: 'item', type: 'varchar', length: '20' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'document', type: 'varchar', length: '30', isNullable: true },
          ...recorded,
        ],
        foreignKeys: [ofPrisoner('resettlement_item')],
        indices: [
          new TableIndex({
            name: 'IDX_resettlement_item_prison_number',
            columnNames: ['prison_number', 'item', 'recorded_at'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'work_readiness',
        columns: [
          { name: 'prison_number', type: 'varchar', length: '7', isPrimary: true },
          { name: 'right_to_work', type: 'varchar', length: '20' },
          { name: 'support_declined', type: 'boolean' },
          ...recorded,
        ],
        foreignKeys: [ofPrisoner('work_readiness')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('work_readiness');
    await queryRunner.dropTable('resettlement_item');
  }
}
