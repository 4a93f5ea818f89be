import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreateJobcentreAppointments1732400000002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'jobcentre_appointment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'nino', type: 'varchar', length: '9' },
          { name: 'date', type: 'date' },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'attendance', type: 'varchar', length: '40' },
          { name: 'work_coach_id', type: 'varchar', length: '36', isNullable: true },
        ],
        foreignKeys: [
          {
            name: 'FK_jobcentre_appointment_nino',
            columnNames: ['nino'],
            referencedTableName: 'claimant',
            referencedColumnNames: ['nino'],
            onDelete: 'CASCADE',
          },
          {
            name: 'FK_jobcentre_appointment_work_coach_id',
            columnNames: ['work_coach_id'],
            referencedTableName: 'work_coach',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          },
        ],
        indices: [
          { name: 'IDX_jobcentre_appointment_nino', columnNames: ['nino'] },
          { name: 'IDX_jobcentre_appointment_work_coach_id', columnNames: ['work_coach_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('jobcentre_appointment');
  }
}
