import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '../..');

describe("the Prisma clients' query compiler", () => {
  test('its WebAssembly is read from its file, not imported: an imported module keeps 4 MB of base64 for the life of the process', () => {
    for (const client of ['sqlite', 'postgres']) {
      const text = readFileSync(join(root, 'src/generated', client, 'internal/class.ts'), 'utf8');
      expect(text).not.toMatch(/import\("@prisma\/client\/runtime\/[\w.-]+\.wasm-base64\.mjs"\)/);
      expect(text).toMatch(/readFile\(createRequire\(import\.meta\.url\)\.resolve\("@prisma\/client\/runtime\/query_compiler_small_bg\.\w+\.wasm-base64\.mjs"\)/);
    }
  });
});
