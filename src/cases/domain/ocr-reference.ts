/**
 * An OCR reference (OCR-nummer) as Bankgirot and Plusgirot read them: 2 to 25
 * digits whose last is a check digit by modulus 10 (the Luhn algorithm, the
 * same as a personnummer's). Spaces people write between groups are left out.
 */
export function normalOcrReference(text: string): string {
  return text.replace(/[\s\u00a0-]/g, '');
}

export function isOcrReference(text: string): boolean {
  if (!/^\d{2,25}$/.test(text)) return false;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    // From the right: the check digit as it is, every second digit before it doubled.
    let digit = Number(text[text.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    total += digit;
  }
  return total % 10 === 0;
}
