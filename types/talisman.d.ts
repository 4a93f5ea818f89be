declare module 'talisman/metrics/jaro-winkler' {
  /** Jaro-Winkler similarity, 0 (nothing alike) to 1 (identical). */
  export function similarity(a: string, b: string): number;
}

declare module 'talisman/phonetics/soundex' {
  function soundex(name: string): string;
  export = soundex;
}
