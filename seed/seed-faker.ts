import { Faker, base, en, en_GB } from '@faker-js/faker';

/**
 * Faker in the en_GB locale, plus record ids in the UUID version 7 layout: a rising 48-bit
 * "time" then random bits. Keys that arrive in order append to a primary-key B-tree instead of
 * landing on a random page of it, which is what kept a million-person load from fitting in cache.
 */
export class SeedFaker extends Faker {
  private issued: number;

  constructor(seed: number, epoch: Date) {
    super({ locale: [en_GB, en, base], seed });
    this.issued = epoch.getTime();
  }

  recordId(): string {
    const time = (this.issued++).toString(16).padStart(12, '0');
    const random = this.string.hexadecimal({ length: 19, casing: 'lower', prefix: '' });
    const variant = ((parseInt(random[3], 16) & 0x3) | 0x8).toString(16);
    return (
      `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(0, 3)}-` +
      `${variant}${random.slice(4, 7)}-${random.slice(7)}`
    );
  }
}
