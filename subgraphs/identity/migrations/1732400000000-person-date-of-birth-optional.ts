import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

// A person known only from a charity drop-in may have given no date of birth.
export class PersonDateOfBirthOptional1732400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn(
      'person',
      'date_of_birth',
      new TableColumn({ name: 'date_of_birth', type: 'date', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn(
      'person',
      'date_of_birth',
      new TableColumn({ name: 'date_of_birth', type: 'date' }),
    );
  }
}
