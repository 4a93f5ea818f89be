import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum EstablishmentCategory {
  MALE_LOCAL = 'MALE_LOCAL',
  MALE_TRAINING = 'MALE_TRAINING',
  MALE_OPEN = 'MALE_OPEN',
  FEMALE_CLOSED = 'FEMALE_CLOSED',
  FEMALE_OPEN = 'FEMALE_OPEN',
  YOUNG_OFFENDER_INSTITUTION = 'YOUNG_OFFENDER_INSTITUTION',
}
registerEnumType(EstablishmentCategory, {
  name: 'EstablishmentCategory',
  description: 'The kind of prison an establishment is.',
});

@ObjectType({ description: 'A prison (establishment), by its three-letter code.' })
@Entity('establishment')
export class Establishment {
  @Field(() => String, { description: 'Establishment code, e.g. BWI.' })
  @PrimaryColumn({ type: 'varchar', length: 3 })
  code!: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field(() => String, { description: 'HMPPS prison group, e.g. Wales.' })
  @Column({ type: 'varchar', length: 100 })
  region!: string;

  @Field(() => EstablishmentCategory)
  @Column({ type: 'varchar', length: 30 })
  category!: EstablishmentCategory;
}
