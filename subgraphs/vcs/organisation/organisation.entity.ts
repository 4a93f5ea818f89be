import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType({ description: 'A charity that supports people into work.' })
@Entity('organisation')
export class Organisation {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => String, { description: 'Charity Commission number, e.g. 1123456.' })
  @Column({ name: 'charity_number', type: 'varchar', length: 20 })
  charityNumber!: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  region!: string;
}
