import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Sector } from './sector';

@ObjectType({ description: 'An employer the charities place people with.' })
@Entity('employer')
export class Employer {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => Sector)
  @Column({ type: 'varchar', length: 40 })
  sector!: Sector;

  @Field(() => String, { description: 'The town the employer is in.' })
  @Column({ type: 'varchar', length: 100 })
  location!: string;

  @Field(() => Boolean, { description: 'Signed up to recruit people with convictions fairly.' })
  @Column({ name: 'fair_chance', type: 'boolean' })
  fairChance!: boolean;
}
