import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateProgrammeReferrals1732400000003 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'programme_referral',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'nino', type: 'varchar', length: '9' },
          { name: 'programme', type: 'varchar', length: '40' },
          { name: 'referred_on', type: 'date' },
          { name: 'started_on', type: 'date', isNullable: true },
          { name: 'status', type: 'varchar', length: '40' },
        ],
        foreignKeys: [
          {
            name: 'FK_programme_referral_nino',
            columnNames: ['nino'],
            referencedTableName: 'claimant',
            referencedColumnNames: ['nino'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [{ name: 'IDX_programme_referral_nino', columnNames: ['nino'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('programme_referral');
  }
}
