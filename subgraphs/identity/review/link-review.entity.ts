import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MatchExplanation } from '../linking/scoring';
import { MatchExplanationType } from '../person/match-explanation.type';

export enum ReviewStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}

export enum ReviewReason {
  UNCERTAIN = 'UNCERTAIN',
  CONTESTED = 'CONTESTED',
  CONFLICTING_IDENTIFIERS = 'CONFLICTING_IDENTIFIERS',
}

registerEnumType(ReviewStatus, { name: 'ReviewStatus' });
registerEnumType(ReviewReason, {
  name: 'ReviewReason',
  valuesConfig: {
    UNCERTAIN: { description: 'The match probability is in the review band.' },
    CONTESTED: { description: 'The record matches two people about equally well.' },
    CONFLICTING_IDENTIFIERS: {
      description: 'Linking would put two different trusted identifiers in one person.',
    },
  },
});

/** Two records the model could not decide about: a data steward does. */
@ObjectType({ description: 'Two records that may be the same person, waiting for a data steward.' })
@Entity('link_review')
export class LinkReview {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String, { description: 'The first record, as `source:id` (e.g. dwp:AB123456C).' })
  @Column({ name: 'record_a', type: 'varchar', length: 48 })
  recordA!: string;

  @Field(() => String)
  @Column({ name: 'record_b', type: 'varchar', length: 48 })
  recordB!: string;

  @Field(() => ReviewReason)
  @Column({ type: 'varchar', length: 30 })
  reason!: ReviewReason;

  @Field(() => Float)
  @Column({ name: 'match_probability', type: 'double precision' })
  matchProbability!: number;

  @Field(() => MatchExplanationType)
  @Column({ type: 'simple-json' })
  explanation!: MatchExplanation;

  @Field(() => Int, { description: 'How many records would change person: the queue order.' })
  @Column({ type: 'integer' })
  impact!: number;

  @Field(() => ReviewStatus)
  @Column({ type: 'varchar', length: 10 })
  status!: ReviewStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'decided_at', type: 'varchar', length: 24, nullable: true })
  decidedAt!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;
}
