import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreatePersonAndLinks1732300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'person',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'given_name', type: 'varchar', length: '100' },
          { name: 'family_name', type: 'varchar', length: '100' },
          { name: 'date_of_birth', type: 'date' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'person_link',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'person_id', type: 'varchar', length: '36' },
          { name: 'record_kind', type: 'varchar', length: '30' },
          { name: 'record_id', type: 'varchar', length: '36' },
        ],
        foreignKeys: [
          {
            columnNames: ['person_id'],
            referencedTableName: 'person',
            referencedColumnNames: ['id'],
          },
        ],
        uniques: [{ name: 'uq_person_link_record', columnNames: ['record_kind', 'record_id'] }],
        indices: [{ name: 'ix_person_link_person', columnNames: ['person_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('person_link');
    await queryRunner.dropTable('person');
  }
}
