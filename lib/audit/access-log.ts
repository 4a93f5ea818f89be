import {
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ObjectType,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import type { DataSource } from 'typeorm';
import { AuditLog } from './audit-log';

@Directive('@shareable')
@ObjectType({
  description: 'One recorded read of a record: who, in what role, for what purpose, and when.',
})
export class RecordAccess {
  @Field(() => String, { description: 'When, ISO-8601 UTC.' })
  at!: string;

  @Field(() => String, { description: "The reader's user id (their token's subject)." })
  subject!: string;

  @Field(() => String)
  role!: string;

  @Field(() => String)
  organisation!: string;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => String, { description: 'Quote it to find the request in the logs.' })
  requestId!: string;

  @Field(() => [String], { description: 'The fields read.' })
  fields!: string[];
}

/**
 * `accessLog` on one of a subgraph's person-level types: who read that record, from the
 * subgraph's own audit. A steward answering "who looked at my records" asks each part of the
 * person through the gateway in one query.
 */
export function accessLogResolver<Row extends object>(
  entity: ClassType<Row>,
  typeName: string,
  keyOf: (row: Row) => string,
) {
  @Resolver(() => entity)
  class AccessLogResolver {
    @FieldResolver(() => [RecordAccess], {
      nullable: true,
      description: 'Every recorded read of this record, oldest first.',
    })
    async accessLog(
      @Root() row: Row,
      @Ctx() context: { database: DataSource },
    ): Promise<RecordAccess[]> {
      const entries = await new AuditLog(context.database).entriesFor(typeName, [keyOf(row)]);
      return entries.map(({ at, subject, role, organisation, purpose, requestId, fields }) => ({
        at,
        subject,
        role,
        organisation,
        purpose,
        requestId,
        fields,
      }));
    }
  }
  return AccessLogResolver;
}
