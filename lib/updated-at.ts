import {
  Column,
  type EntityMetadata,
  type EntitySubscriberInterface,
  EventSubscriber,
  type InsertEvent,
  type ObjectLiteral,
  type UpdateEvent,
} from 'typeorm';

/** The `updated_at` of rows that were written before the column existed. */
export const UPDATED_AT_EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * `updated_at`: when the row last changed, as an ISO-8601 UTC string (`toISOString()`, always
 * 24 characters), so it sorts the same as time does and reads back unchanged on SQLite and
 * PostgreSQL. Kept up to date by `UpdatedAtSubscriber`.
 *
 * The database default (UPDATED_AT_EPOCH, from the migration) is deliberately not declared
 * here: with a default, TypeORM re-reads the rows of an insert on SQLite and merges them back
 * into the caller's objects by position, not by key, scrambling those objects.
 */
export function UpdatedAtColumn(): PropertyDecorator {
  return Column({ name: 'updated_at', type: 'varchar', length: 24 });
}

const hasUpdatedAt = (metadata: EntityMetadata) =>
  Boolean(metadata.findColumnWithPropertyName('updatedAt'));

/**
 * Stamps `updatedAt` with the current time on every update made through TypeORM (`save`,
 * `update`, query builders) and on every insert through it that does not give one. Raw SQL,
 * such as the seed's bulk load, must set it itself.
 */
@EventSubscriber()
export class UpdatedAtSubscriber implements EntitySubscriberInterface<ObjectLiteral> {
  beforeInsert(event: InsertEvent<ObjectLiteral>) {
    if (hasUpdatedAt(event.metadata) && event.entity && event.entity.updatedAt === undefined) {
      event.entity.updatedAt = new Date().toISOString();
    }
  }

  beforeUpdate(event: UpdateEvent<ObjectLiteral>) {
    if (hasUpdatedAt(event.metadata) && event.entity) {
      event.entity.updatedAt = new Date().toISOString();
    }
  }
}
