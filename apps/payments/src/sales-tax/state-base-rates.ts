import type { StateCode } from '@arbor/contracts';

/**
 * Statewide base sales-tax rates (percent) as compiled for 2025, offered as the starting table
 * when an Admin picks "by state". A starting point, not advice: they were not checked against
 * each state's department of revenue, rates change, local rates add to them, and medical and
 * mental-health services are exempt in most states. The Admin decides what applies and edits the
 * table; Arbor never guesses.
 */
// prettier-ignore
export const STATEWIDE_BASE_RATES_2025: Readonly<Record<StateCode, number>> = {
  AL: 4, AK: 0, AZ: 5.6, AR: 6.5, CA: 7.25, CO: 2.9, CT: 6.35, DE: 0, DC: 6, FL: 6, GA: 4, HI: 4,
  ID: 6, IL: 6.25, IN: 7, IA: 6, KS: 6.5, KY: 6, LA: 5, ME: 5.5, MD: 6, MA: 6.25, MI: 6, MN: 6.875,
  MS: 7, MO: 4.225, MT: 0, NE: 5.5, NV: 6.85, NH: 0, NJ: 6.625, NM: 4.875, NY: 4, NC: 4.75, ND: 5,
  OH: 5.75, OK: 4.5, OR: 0, PA: 6, RI: 7, SC: 6, SD: 4.2, TN: 7, TX: 6.25, UT: 4.85, VT: 6, VA: 4.3,
  WA: 6.5, WV: 6, WI: 5, WY: 4,
};
