import { join } from 'node:path';

/**
 * DejaVu Sans (free licence, fonts/LICENSE.txt), the one typeface of every
 * PDF the service writes and of the report's charts drawn for Word: it has
 * the thin no-break space amounts use. Copied to dist beside this file.
 */
export const FONT_REGULAR = join(__dirname, 'fonts', 'DejaVuSans.ttf');
export const FONT_BOLD = join(__dirname, 'fonts', 'DejaVuSans-Bold.ttf');
