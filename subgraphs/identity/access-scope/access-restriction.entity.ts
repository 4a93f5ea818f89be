import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * "Only these users may see this person at all" (a public-interest case, say), set on one of the
 * person's records so it follows them through re-linking. Lifting one keeps the row.
 */
@ObjectType({ description: 'A person only the users it names may see.' })
@Entity('access_restriction')
export class AccessRestriction {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String, { description: 'The record it is set on, e.g. prison:A1234BC.' })
  @Column({ name: 'record_key', type: 'varchar', length: 48 })
  recordKey!: string;

  @Field(() => String, { description: 'Why the person is restricted.' })
  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Field(() => [String], { description: 'User ids (token subjects) who may still see them.' })
  @Column({ name: 'allowed_subjects', type: 'simple-json' })
  allowedSubjects!: string[];

  @Field(() => String)
  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Field(() => String)
  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'lifted_by', type: 'varchar', length: 100, nullable: true })
  liftedBy!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'lifted_at', type: 'varchar', length: 24, nullable: true })
  liftedAt!: string | null;
}
