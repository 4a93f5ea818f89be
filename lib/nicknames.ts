/**
 * Formal given names and the short forms people give at a front desk. The seed uses it to
 * make realistic noise; the identity matcher uses it to see that "Bob" may be "Robert".
 */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Alexander: ['Alex', 'Sandy'],
  Andrew: ['Andy', 'Drew'],
  Anthony: ['Tony', 'Ant'],
  Benjamin: ['Ben', 'Benny'],
  Christopher: ['Chris', 'Kit'],
  Daniel: ['Dan', 'Danny'],
  David: ['Dave', 'Davy'],
  Edward: ['Ed', 'Eddie', 'Ted'],
  James: ['Jim', 'Jimmy', 'Jamie'],
  Jonathan: ['Jon', 'Jonny'],
  Joseph: ['Joe', 'Joey'],
  Joshua: ['Josh'],
  Kenneth: ['Ken', 'Kenny'],
  Leonard: ['Len', 'Lenny'],
  Matthew: ['Matt', 'Matty'],
  Michael: ['Mike', 'Mick', 'Mikey'],
  Nathan: ['Nate'],
  Nicholas: ['Nick', 'Nicky'],
  Patrick: ['Pat', 'Paddy'],
  Peter: ['Pete'],
  Raymond: ['Ray'],
  Richard: ['Rich', 'Rick', 'Richie'],
  Robert: ['Rob', 'Bob', 'Bobby', 'Robbie'],
  Samuel: ['Sam', 'Sammy'],
  Stephen: ['Steve', 'Stevie'],
  Steven: ['Steve', 'Stevie'],
  Terence: ['Terry'],
  Thomas: ['Tom', 'Tommy'],
  Timothy: ['Tim'],
  William: ['Will', 'Bill', 'Billy', 'Liam'],
  Abigail: ['Abi', 'Abby'],
  Alexandra: ['Alex', 'Lexi'],
  Catherine: ['Cathy', 'Kate'],
  Charlotte: ['Charlie', 'Lottie'],
  Christine: ['Chris', 'Chrissie'],
  Deborah: ['Debbie', 'Deb'],
  Elizabeth: ['Liz', 'Beth', 'Lizzie'],
  Jennifer: ['Jen', 'Jenny'],
  Jessica: ['Jess'],
  Katherine: ['Kate', 'Katie', 'Kath'],
  Margaret: ['Maggie', 'Peggy'],
  Natalie: ['Nat'],
  Nicola: ['Nicky', 'Nic'],
  Rebecca: ['Becky', 'Becca'],
  Samantha: ['Sam', 'Sammy'],
  Stephanie: ['Steph'],
  Susan: ['Sue', 'Suzy'],
  Victoria: ['Vicky', 'Tori'],
};

const formalByShort = new Map<string, Set<string>>();
for (const [formal, shorts] of Object.entries(NICKNAMES)) {
  for (const short of shorts) {
    formalByShort.set(short, (formalByShort.get(short) ?? new Set()).add(formal));
  }
}

/** True when one name is a known short form of the other (or they are the same name). */
export function areNameVariants(a: string, b: string): boolean {
  if (a === b) return true;
  return Boolean(NICKNAMES[a]?.includes(b) || NICKNAMES[b]?.includes(a) || sharesFormal(a, b));
}

function sharesFormal(a: string, b: string): boolean {
  const formals = formalByShort.get(a);
  return Boolean(formals && [...(formalByShort.get(b) ?? [])].some((f) => formals.has(f)));
}
