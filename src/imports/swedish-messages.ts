import { PROBLEM } from '../labels/sv';

/**
 * A refusal in Swedish for the import report the unit reads: the same text
 * the screens show for the code (one catalogue, src/labels/sv.ts). The code
 * stays the decider's own, so the report and the API name the same rule.
 */
export function swedishMessage(code: string, fallback: string): string {
  return (PROBLEM as Record<string, string>)[code] ?? fallback;
}
