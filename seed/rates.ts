/** A probability used by the generator, and where it comes from. */
export interface Rate {
  value: number;
  source: string;
}

const ASSUMED = 'assumption: plausible, no published figure used';

/** Life-story rates. The README's table of sources is printed from this list. */
export const LIFE_RATES = {
  female: {
    value: 0.04,
    source: 'MoJ Offender Management Statistics: about 4% of the prison population is female',
  },
  secondCustodyPeriod: { value: 0.25, source: ASSUMED },
  stillInCustody: { value: 0.2, source: ASSUMED },
  prisonWork: { value: 0.6, source: ASSUMED },
  educationCourse: { value: 0.5, source: ASSUMED },
  qualificationAchieved: { value: 0.65, source: ASSUMED },
  rotlWhenInOpenPrison: { value: 0.45, source: ASSUMED },
  rotlPaid: { value: 0.6, source: ASSUMED },
  probationCase: {
    value: 0.92,
    source:
      'assumption: nearly all custodial sentences over one day end with licence or supervision',
  },
  employedAtRelease: {
    value: 0.25,
    source: 'brief: about three in four leave prison with no job to go to',
  },
  employedAt6Weeks: {
    value: 0.2,
    source:
      'MoJ Community Performance statistics: about one in five prison leavers employed six weeks after release (approximate)',
  },
  employedAt6Months: {
    value: 0.3,
    source:
      'MoJ Community Performance statistics: about three in ten employed six months after release (approximate)',
  },
  unavailableForWork: { value: 0.12, source: ASSUMED },
  claimant: { value: 0.85, source: ASSUMED },
  ucClaimStartedInCustody: {
    value: 0.45,
    source:
      'assumption: prison work coaches help start claims before release; no published rate used',
  },
  ucAdvancePayment: { value: 0.5, source: ASSUMED },
  missedAppointment: { value: 0.25, source: ASSUMED },
  programmeReferral: { value: 0.2, source: ASSUMED },
  jobStartRecordedByDwp: {
    value: 0.9,
    source: 'assumption: most job starts reach DWP through PAYE real-time information',
  },
  sustained13Weeks: { value: 0.7, source: ASSUMED },
  sustained26Weeks: {
    value: 0.75,
    source: 'assumption: share of 13-week sustained jobs still held at 26 weeks',
  },
  charityReferral: { value: 0.4, source: ASSUMED },
  ipsJobStartMale: {
    value: 0.25,
    source: 'brief: IPS through the gate moved about a quarter of men into work',
  },
  ipsJobStartFemale: {
    value: 0.2,
    source: 'brief: IPS through the gate moved about a fifth of women into work',
  },
  otherServiceJobStart: { value: 0.15, source: ASSUMED },
  consentWithdrawn: { value: 0.05, source: ASSUMED },
  namesake: {
    value: 0.01,
    source: 'hard case by design: a different person with the same common name and date of birth',
  },
  relative: {
    value: 0.02,
    source: 'hard case by design: a relative at the same address with a similar name',
  },
} satisfies Record<string, Rate>;

/** How each controller's copy of a person's details goes wrong, independently of the others. */
export interface NoiseProfile {
  typo: number;
  nickname: number;
  swappedNames: number;
  hyphenatedSurname: number;
  dobDayMonthSwap: number;
  dobOffByOne: number;
  dobMissing: number;
  oldPostcode: number;
  ninoRecorded: number;
  ninoWrong: number;
  prisonNumberRecorded: number;
}

const NONE: NoiseProfile = {
  typo: 0,
  nickname: 0,
  swappedNames: 0,
  hyphenatedSurname: 0,
  dobDayMonthSwap: 0,
  dobOffByOne: 0,
  dobMissing: 0,
  oldPostcode: 0,
  ninoRecorded: 0,
  ninoWrong: 0,
  prisonNumberRecorded: 0,
};

export const NOISE: Record<'dwp' | 'prison' | 'probation' | 'vcs', NoiseProfile> = {
  // DWP verifies identity for a claim: its copy is the cleanest.
  dwp: {
    ...NONE,
    typo: 0.02,
    nickname: 0.02,
    dobDayMonthSwap: 0.005,
    oldPostcode: 0.1,
    ninoRecorded: 1,
  },
  prison: {
    ...NONE,
    typo: 0.05,
    nickname: 0.08,
    swappedNames: 0.02,
    hyphenatedSurname: 0.02,
    dobDayMonthSwap: 0.03,
    dobOffByOne: 0.02,
    ninoRecorded: 0.35,
    ninoWrong: 0.05,
  },
  probation: {
    ...NONE,
    typo: 0.04,
    nickname: 0.05,
    swappedNames: 0.01,
    dobDayMonthSwap: 0.02,
    dobOffByOne: 0.01,
    ninoRecorded: 0.4,
    ninoWrong: 0.03,
    prisonNumberRecorded: 0.95,
  },
  // Typed at a drop-in, from what the person says.
  vcs: {
    ...NONE,
    typo: 0.08,
    nickname: 0.15,
    swappedNames: 0.03,
    hyphenatedSurname: 0.01,
    dobDayMonthSwap: 0.05,
    dobOffByOne: 0.03,
    dobMissing: 0.1,
    oldPostcode: 0.25,
    ninoRecorded: 0.1,
    ninoWrong: 0.05,
    prisonNumberRecorded: 0.5,
  },
};
