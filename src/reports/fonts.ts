import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ChartFont {
  family: string;
  path: string;
}

// Families known to carry every Vietnamese letter (ơ, ư, đ and stacked tones such as ệ, ẩ).
const CANDIDATES: { family: string; file: RegExp }[] = [
  { family: 'DejaVu Sans', file: /^DejaVuSans\.ttf$/ },
  { family: 'Noto Sans', file: /^NotoSans-Regular\.[ot]tf$/ },
  { family: 'Liberation Sans', file: /^LiberationSans-Regular\.ttf$/ },
  { family: 'Roboto', file: /^Roboto-Regular\.ttf$/ },
  { family: 'Arial', file: /^arial\.ttf$/i },
];

const DIRECTORIES = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  join(homedir(), '.local/share/fonts'),
  join(homedir(), '.fonts'),
  '/Library/Fonts',
  '/System/Library/Fonts/Supplemental',
  'C:\\Windows\\Fonts',
];

let found: ChartFont | null | undefined;

/**
 * A font file with Vietnamese glyphs, looked for once. resvg draws no text at all when no
 * font matches, so the chart names this font explicitly rather than trusting "sans-serif";
 * null means none was found and the chart will have no text (install fonts-dejavu-core).
 */
export function findChartFont(): ChartFont | null {
  if (found === undefined) found = search();
  return found;
}

function search(): ChartFont | null {
  const files = DIRECTORIES.flatMap((dir) => listFonts(dir, 4));
  for (const candidate of CANDIDATES) {
    const path = files.find((f) => candidate.file.test(f.name));
    if (path) return { family: candidate.family, path: path.path };
  }
  return null;
}

function listFonts(dir: string, depth: number): { name: string; path: string }[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // a directory this system does not have
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return depth > 0 ? listFonts(path, depth - 1) : [];
    return /\.(ttf|otf)$/i.test(e.name) ? [{ name: e.name, path }] : [];
  });
}
