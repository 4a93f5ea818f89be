import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  TableIndex,
  type TableColumnOptions,
} from 'typeorm';

const text = (name: string, length: number): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: true,
});

/** What both tables hold of a release: the spine's columns a report narrows or groups by. */
const groupColumns = () => [
  text('month', 7),
  text('establishment', 100),
  text('establishment_code', 20),
  text('region', 100),
  text('sex', 20),
  text('age_band', 20),
  text('release_type', 40),
];

/**
 * release_fact, in each controller's database: one row per release of a reporting snapshot,
 * with what a report groups by and the controller's own measures of it.
 */
export function releaseFactMigration(measures: {
  counts: readonly string[];
  medians: readonly string[];
}) {
  return class ReleaseFacts1733300000000 implements MigrationInterface {
    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.createTable(
        new Table({
          name: 'release_fact',
          columns: [
            { name: 'snapshot', type: 'integer', isPrimary: true },
            { ...text('person_key', 32), isPrimary: true, isNullable: false },
            { name: 'released', type: 'date', isPrimary: true },
            { name: 'received', type: 'date' },
            ...groupColumns(),
            ...measures.counts.map((name) => ({ name, type: 'smallint' })),
            ...measures.medians.map((name) => ({ name, type: 'integer', isNullable: true })),
          ],
          indices: [
            new TableIndex({
              name: 'IDX_release_fact_snapshot_released',
              columnNames: ['snapshot', 'released'],
            }),
          ],
        }),
      );
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.dropTable('release_fact');
    }
  };
}

/**
 * release_cube, beside release_fact: a snapshot's facts summed by every column a report
 * narrows or groups by, and by each median's value.
 */
export function releaseCubeMigration(measures: {
  counts: readonly string[];
  medians: readonly string[];
}) {
  return class ReleaseCubes1733300000001 implements MigrationInterface {
    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.createTable(
        new Table({
          name: 'release_cube',
          columns: [
            { name: 'snapshot', type: 'integer' },
            ...groupColumns(),
            ...measures.medians.map((name) => ({ name, type: 'integer', isNullable: true })),
            { name: 'releases', type: 'integer' },
            ...measures.counts.map((name) => ({ name, type: 'integer' })),
          ],
          indices: [
            new TableIndex({
              name: 'IDX_release_cube_snapshot_month',
              columnNames: ['snapshot', 'month'],
            }),
          ],
        }),
      );
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.dropTable('release_cube');
    }
  };
}
