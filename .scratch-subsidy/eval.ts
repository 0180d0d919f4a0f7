import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { understand } from '/work/main/src/domain/subsidy/understand.ts';
const fx = parse(readFileSync('/work/main/test/fixtures/questions/labelled.yaml','utf8'));
let ok = 0;
for (const q of fx.questions) {
  const u = understand(q.q);
  const good = u.intent === q.intent;
  if (good) ok++;
  if (!good || process.argv[2]) console.log(good ? 'ok ' : 'BAD', q.intent.padEnd(16), u.intent.padEnd(16), u.confidence, JSON.stringify(q.q), '→', u.normalised, JSON.stringify(u.slots));
}
console.log(ok, fx.questions.length, ok / fx.questions.length);
