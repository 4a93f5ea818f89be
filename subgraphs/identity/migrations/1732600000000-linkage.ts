import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

const text = (name: string, length: number, nullable = true) => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

export class Linkage1732600000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'source_record',
        columns: [
          { ...text('source', 10, false), isPrimary: true },
          { ...text('source_id', 36, false), isPrimary: true },
          text('given_name', 100, false),
          text('family_name', 100, false),
          { name: 'other_names', type: 'text', isNullable: true },
          text('date_of_birth', 10),
          text('postcode', 10),
          text('nino', 9),
          text('prison_number', 7),
          text('pnc_number', 14),
          text('crn', 7),
          text('updated_at', 24, false),
        ],
      }),
    );
    await queryRunner.addColumns('person_link', [
      new TableColumn({ ...text('status', 12), default: "'MODEL'" }),
      new TableColumn({ name: 'match_probability', type: 'double precision', isNullable: true }),
      new TableColumn({ name: 'explanation', type: 'text', isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'link_review',
        columns: [
          { ...text('id', 36, false), isPrimary: true },
          text('record_a', 48, false),
          text('record_b', 48, false),
          text('reason', 30, false),
          { name: 'match_probability', type: 'double precision' },
          { name: 'explanation', type: 'text' },
          { name: 'impact', type: 'integer' },
          text('status', 10, false),
          text('decided_by', 100),
          text('decided_at', 24),
          text('created_at', 24, false),
        ],
        indices: [
          { name: 'ix_link_review_queue', columnNames: ['status', 'impact'] },
          { name: 'ix_link_review_pair', columnNames: ['record_a', 'record_b'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'steward_decision',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          text('kind', 20, false),
          text('record_a', 48, false),
          text('record_b', 48, false),
          text('decided_by', 100, false),
          text('decided_at', 24, false),
          text('note', 500),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'linkage_state',
        columns: [
          { ...text('name', 40, false), isPrimary: true },
          { name: 'value', type: 'text' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['linkage_state', 'steward_decision', 'link_review', 'source_record'])
      await queryRunner.dropTable(table);
    for (const column of ['explanation', 'match_probability', 'status'])
      await queryRunner.dropColumn('person_link', column);
  }
}
