/** How counts are protected before they leave the hub in a report. */
export interface DisclosureRules {
  /** The smallest count published: counts under it are suppressed. */
  threshold: number;
  /** Every published count is a multiple of this. */
  base: number;
}

/** The ONS "10-5" rule: counts under 10 suppressed, the rest rounded to the nearest 5. */
export const DEFAULT_DISCLOSURE_RULES: DisclosureRules = { threshold: 10, base: 5 };

/** `count` to the nearest multiple of `base`, halves up. */
export const roundToBase = (count: number, base: number): number =>
  base * Math.floor(count / base + 0.5);
