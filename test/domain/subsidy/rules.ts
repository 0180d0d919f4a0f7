import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../../../src/domain/subsidy/rules-loader.js';

export const RULES_FILE = join(import.meta.dirname, '../../../data/subsidy/rules.yaml');
export const rulesText = readFileSync(RULES_FILE, 'utf8');
/** The rules as shipped: tests pin the figures an operator would see. */
export const rules = loadRules(rulesText, RULES_FILE);
