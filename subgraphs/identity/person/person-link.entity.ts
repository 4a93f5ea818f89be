import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MatchExplanation } from '../linking/scoring';
import { MatchExplanationType } from './match-explanation.type';

/** Which kind of native record a link points at, named by controller and record. */
export enum LinkedRecordKind {
  DWP_CLAIMANT = 'DWP_CLAIMANT',
  MOJ_PRISONER = 'MOJ_PRISONER',
  MOJ_PROBATION_CASE = 'MOJ_PROBATION_CASE',
  VCS_SUPPORT_RECORD = 'VCS_SUPPORT_RECORD',
}

/** How a record came to be in its person. */
export enum LinkStatus {
  RULE = 'RULE',
  MODEL = 'MODEL',
  CONFIRMED = 'CONFIRMED',
  UNLINKED = 'UNLINKED',
}

registerEnumType(LinkedRecordKind, { name: 'LinkedRecordKind' });
registerEnumType(LinkStatus, {
  name: 'LinkStatus',
  valuesConfig: {
    RULE: { description: 'A trusted identifier agreed and nothing disagreed.' },
    MODEL: { description: 'The match model linked it above the link threshold.' },
    CONFIRMED: { description: 'A data steward confirmed it.' },
    UNLINKED: { description: 'The only record of this person the hub holds.' },
  },
});

/** "This native record is this person": the join the gateway follows. */
@ObjectType('PersonLink', {
  description: 'One native record of a person, and how sure the hub is.',
})
@Entity('person_link')
export class PersonLink {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Field(() => LinkedRecordKind)
  @Column({ name: 'record_kind', type: 'varchar', length: 30 })
  recordKind!: LinkedRecordKind;

  @Field(() => String, { description: 'The native key: NINO, prison number, CRN or record id.' })
  @Column({ name: 'record_id', type: 'varchar', length: 36 })
  recordId!: string;

  @Field(() => LinkStatus)
  @Column({ type: 'varchar', length: 12, default: LinkStatus.MODEL })
  status!: LinkStatus;

  @Field(() => Float, { nullable: true, description: 'Null for a person with one record.' })
  @Column({ name: 'match_probability', type: 'double precision', nullable: true })
  matchProbability!: number | null;

  @Field(() => MatchExplanationType, {
    nullable: true,
    description: 'The strongest evidence tying this record to another of the same person.',
  })
  @Column({ type: 'simple-json', nullable: true })
  explanation!: MatchExplanation | null;
}
