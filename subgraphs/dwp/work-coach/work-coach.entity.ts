import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType({ description: 'A Jobcentre work coach who supports claimants into work.' })
@Entity('work_coach')
export class WorkCoach {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field(() => String, { description: 'The Jobcentre office the work coach works from.' })
  @Column({ type: 'varchar', length: 100 })
  jobcentre!: string;

  @Field(() => Boolean, { description: 'A Jobcentre work coach who works inside prisons.' })
  @Column({ name: 'prison_work_coach', type: 'boolean' })
  prisonWorkCoach!: boolean;
}
