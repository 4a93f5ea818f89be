import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  type ChangeGeneration,
  createChangeGeneration,
  dropChangeGeneration,
} from '../../../lib/change-generation';

/**
 * A count that moves whenever a charity's caseload could: any change to a support record, a
 * consent or a referral. vcs keeps each charity's caseload until it moves.
 */
export const CASELOAD_GENERATION: ChangeGeneration = {
  table: 'caseload_generation',
  watched: ['support_record', 'consent', 'referral'],
};

export class CaseloadGeneration1733400000000 implements MigrationInterface {
  up(queryRunner: QueryRunner): Promise<void> {
    return createChangeGeneration(queryRunner, CASELOAD_GENERATION);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropChangeGeneration(queryRunner, CASELOAD_GENERATION);
  }
}
