import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  type TableColumnOptions,
  TableForeignKey,
  TableIndex,
} from 'typeorm';

const id: TableColumnOptions = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});
const date = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'date',
  isNullable,
});
const reference = (name: string, isNullable = false) => text(name, 36, isNullable);

/** A foreign key and the index that serves it, named after the table and column. */
function foreignKey(table: string, column: string, referencedTable: string) {
  return {
    foreignKey: new TableForeignKey({
      name: `FK_${table}_${column}`,
      columnNames: [column],
      referencedTableName: referencedTable,
      referencedColumnNames: ['id'],
    }),
    index: new TableIndex({ name: `IDX_${table}_${column}`, columnNames: [column] }),
  };
}

function table(name: string, columns: TableColumnOptions[], references: [string, string][] = []) {
  const keys = references.map(([column, referenced]) => foreignKey(name, column, referenced));
  return new Table({
    name,
    columns: [id, ...columns],
    foreignKeys: keys.map((key) => key.foreignKey),
    indices: keys.map((key) => key.index),
  });
}

/** In foreign-key order: each table only refers to tables above it. */
const tables = () => [
  table('organisation', [text('charity_number', 20), text('name', 200), text('region', 100)]),
  table(
    'charity_service',
    [reference('organisation_id'), text('kind', 40), text('name', 200)],
    [['organisation_id', 'organisation']],
  ),
  table(
    'support_record',
    [
      reference('organisation_id'),
      text('given_name', 100),
      text('family_name', 100),
      date('date_of_birth', true),
      text('postcode', 8, true),
      text('nino', 9, true),
      text('prison_number', 7, true),
      date('opened_on'),
    ],
    [['organisation_id', 'organisation']],
  ),
  table('employer', [
    text('name', 200),
    text('sector', 40),
    text('location', 100),
    { name: 'fair_chance', type: 'boolean' },
  ]),
  table(
    'vacancy',
    [
      reference('employer_id'),
      text('title', 200),
      text('sector', 40),
      text('location', 100),
      date('posted_on'),
      date('closes_on', true),
    ],
    [['employer_id', 'employer']],
  ),
  table(
    'referral',
    [
      reference('support_record_id'),
      reference('service_id'),
      text('source', 20),
      date('referred_on'),
      date('accepted_on', true),
      text('status', 20),
    ],
    [
      ['support_record_id', 'support_record'],
      ['service_id', 'charity_service'],
    ],
  ),
  table(
    'engagement',
    [
      reference('support_record_id'),
      reference('referral_id', true),
      date('date'),
      text('kind', 30),
      { name: 'notes', type: 'text' },
    ],
    [
      ['support_record_id', 'support_record'],
      ['referral_id', 'referral'],
    ],
  ),
  table(
    'support_outcome',
    [
      reference('support_record_id'),
      text('kind', 30),
      date('date'),
      reference('employer_id', true),
    ],
    [
      ['support_record_id', 'support_record'],
      ['employer_id', 'employer'],
    ],
  ),
  table(
    'consent',
    [
      reference('support_record_id'),
      text('scope', 30),
      date('given_on'),
      date('withdrawn_on', true),
    ],
    [['support_record_id', 'support_record']],
  ),
];

/** The support_record table as 1732300000000 made it, for `down`. */
const oldSupportRecord = () =>
  table('support_record', [
    text('organisation_name', 200),
    text('service', 40),
    text('status', 20),
    date('referred_on'),
    text('given_name', 100),
    text('family_name', 100),
    date('date_of_birth', true),
    text('postcode', 8, true),
  ]);

/**
 * The voluntary-sector model: organisations and their services, case files with referrals,
 * engagements, outcomes and consents, employers and vacancies. The old flat support_record
 * (one service and status per row) does not map onto it, so it is dropped and recreated.
 */
export class ReshapeVcsModel1732400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('support_record');
    for (const created of tables()) await queryRunner.createTable(created, false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const created of tables().reverse()) await queryRunner.dropTable(created.name);
    await queryRunner.createTable(oldSupportRecord());
  }
}
