import { badUserInput } from '../../../lib/errors';

const CODE = /^[A-Z]{3}$/;

/** Refuses anything but three capital letters (e.g. BWI) with BAD_USER_INPUT. */
export function parseEstablishmentCode(argument: string, value: string): string {
  if (!CODE.test(value)) {
    throw badUserInput(argument, `${argument} must be three capital letters, such as BWI.`);
  }
  return value;
}
