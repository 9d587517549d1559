/** How a suit application states the ability-to-pay assessment. */
export const ABLE_LABEL = {
  true: 'har förmåga att betala',
  false: 'saknar förmåga att betala',
} as const;
