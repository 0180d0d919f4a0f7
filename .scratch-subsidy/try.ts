import { readFileSync } from 'node:fs';
import { loadRules } from '/work/main/src/domain/subsidy/rules-loader.ts';
import { calculate } from '/work/main/src/domain/subsidy/calculator.ts';
const rules = loadRules(readFileSync('/work/main/data/subsidy/rules.yaml','utf8'));
for (const input of [
  { date: '2026-03-15', income: 5_000_000 },
  { date: '2026-03-15', category: 'poor', province: 'ha-noi' },
  { date: '2025-06-30', category: 'near_poor' },
  { date: '2026-03-15', income: 3_000_000, months: 60 },
  { date: '2017-03-15' },
  { date: '2026-03-15', income: 1_000_000 },
]) { const r = calculate(input as any, rules); console.log(JSON.stringify(r.ok ? { ...r.result, regime: r.result.regime.id, state: {...r.result.state, source: undefined} } : r)); }
