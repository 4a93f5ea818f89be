import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateBenefitClaims1732400000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'benefit_claim',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'nino', type: 'varchar', length: '9' },
          { name: 'benefit', type: 'varchar', length: '40' },
          { name: 'claim_date', type: 'date' },
          { name: 'started_in_custody', type: 'boolean' },
          { name: 'advance_payment', type: 'boolean' },
          { name: 'first_payment_date', type: 'date', isNullable: true },
          { name: 'status', type: 'varchar', length: '40' },
        ],
        foreignKeys: [
          {
            name: 'FK_benefit_claim_nino',
            columnNames: ['nino'],
            referencedTableName: 'claimant',
            referencedColumnNames: ['nino'],
            onDelete: 'CASCADE',
          },
        ],
        indices: [
          { name: 'IDX_benefit_claim_nino', columnNames: ['nino'] },
          { name: 'IDX_benefit_claim_claim_date', columnNames: ['claim_date', 'id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('benefit_claim');
  }
}
