import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  type ChangeGeneration,
  createChangeGeneration,
  dropChangeGeneration,
} from '../../../lib/change-generation';

/**
 * A count that moves whenever an access restriction is set, changed or lifted, however it was
 * written. With link_generation, what identity keeps each user's restrictions by.
 */
export const RESTRICTION_GENERATION: ChangeGeneration = {
  table: 'restriction_generation',
  watched: ['access_restriction'],
};

export class RestrictionGeneration1733600000000 implements MigrationInterface {
  up(queryRunner: QueryRunner): Promise<void> {
    return createChangeGeneration(queryRunner, RESTRICTION_GENERATION);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropChangeGeneration(queryRunner, RESTRICTION_GENERATION);
  }
}
