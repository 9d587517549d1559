/** Amounts are held in öre (integers); the API speaks kronor with at most two decimals. */
export function kronorToOre(kronor: number): number {
  return Math.round(kronor * 100);
}

export function oreToKronor(ore: number): number {
  return ore / 100;
}

/** Whether a number is a kronor amount with at most two decimals. */
export function hasAtMostTwoDecimals(kronor: number): boolean {
  return Number.isFinite(kronor) && Math.abs(kronor * 100 - Math.round(kronor * 100)) < 1e-6;
}
