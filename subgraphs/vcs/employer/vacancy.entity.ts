import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../../lib/scalars';
import { Sector } from './sector';

@ObjectType({ description: 'A job an employer has open.' })
@Entity('vacancy')
export class Vacancy {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID)
  @Column({ name: 'employer_id', type: 'varchar', length: 36 })
  employerId!: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => Sector)
  @Column({ type: 'varchar', length: 40 })
  sector!: Sector;

  @Field(() => String, { description: 'The town the job is in.' })
  @Column({ type: 'varchar', length: 100 })
  location!: string;

  @Field(() => DateScalar)
  @Column({ name: 'posted_on', type: 'date' })
  postedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'closes_on', type: 'date', nullable: true })
  closesOn!: string | null;
}
