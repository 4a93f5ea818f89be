import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { isPostgres } from '../../../lib/audit/sql';

/**
 * A count that moves whenever person_link changes, bumped by the database itself, so every
 * writer counts (a linkage run, a steward's decision, a test's insert): what identity keys its
 * caseload expansions by. PostgreSQL bumps it once a statement, SQLite once a row.
 */
export class LinkGeneration1733000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'link_generation',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'generation', type: 'bigint' },
        ],
        checks: [{ name: 'ck_link_generation_one_row', expression: '"id" = 1' }],
      }),
    );
    await queryRunner.query(`INSERT INTO "link_generation" ("id", "generation") VALUES (1, 0)`);
    const bump = `UPDATE "link_generation" SET "generation" = "generation" + 1 WHERE "id" = 1;`;
    if (isPostgres(queryRunner)) {
      await queryRunner.query(
        `CREATE FUNCTION "bump_link_generation"() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
          `BEGIN ${bump} RETURN NULL; END $$`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "person_link_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ` +
          `ON "person_link" FOR EACH STATEMENT EXECUTE FUNCTION "bump_link_generation"()`,
      );
      return;
    }
    for (const change of ['INSERT', 'UPDATE', 'DELETE']) {
      await queryRunner.query(
        `CREATE TRIGGER "person_link_generation_${change.toLowerCase()}" AFTER ${change} ` +
          `ON "person_link" BEGIN ${bump} END`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isPostgres(queryRunner)) {
      await queryRunner.query(`DROP TRIGGER "person_link_generation" ON "person_link"`);
      await queryRunner.query(`DROP FUNCTION "bump_link_generation"()`);
    } else {
      for (const change of ['insert', 'update', 'delete'])
        await queryRunner.query(`DROP TRIGGER "person_link_generation_${change}"`);
    }
    await queryRunner.dropTable('link_generation');
  }
}
