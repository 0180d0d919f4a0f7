import { join } from 'node:path';
import { readFileSync } from 'node:fs';
const root = join(import.meta.dirname, '../..');
const part = process.argv[3]!;
const mem = (label: string) => { const m = process.memoryUsage(); console.log(part, label.padEnd(12), 'rss', (m.rss / 2 ** 20).toFixed(0), 'heapUsed', (m.heapUsed / 2 ** 20).toFixed(0), 'heapTotal', (m.heapTotal / 2 ** 20).toFixed(0)); };
const url = process.argv[2]!;
const [{ createConfig }, { silentLogger }, { createApp }, { answerMessage }, { loadRules }] = await Promise.all([import('../../src/config.js'), import('../../src/logger.js'), import('../../src/app.js'), import('../../src/domain/subsidy/multi-topic.js'), import('../../src/domain/subsidy/rules-loader.js')]);
const config = createConfig({ DATABASE_URL: url, PLANS_DIR: join(root, 'prisma/seed/plans'), HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), WEEKLY_DIGEST: 'off', CONSOLE: 'off' });
const app = await createApp({ config, logger: silentLogger });
const rules = loadRules(readFileSync(join(root, 'data/subsidy/rules.yaml'), 'utf8'));
globalThis.gc?.(); mem('start');
for (let i = 0; i < 4000; i++) {
  const chatId = String(9000 + i);
  if (part === 'answer') answerMessage('hộ cận nghèo được hỗ trợ bao nhiêu', { rules, today: '2026-03-15' });
  if (part === 'arrive') await app.repos.people.arrive({ channel: 'telegram', chatId, name: 'x', language: 'vi' });
  if (part === 'read') await app.repos.people.arrive({ channel: 'telegram', chatId: '1', name: 'x', language: 'vi' });
  if (part === 'raw') await app.db.$queryRaw`SELECT ${chatId} AS x`;
  if (part === 'log') { app.repos.questions.log({ personId: 1, channel: 'telegram', chatId, text: 'hỏi', outcome: 'answered', askedAt: new Date() }); if (i % 100 === 99) await app.repos.questions.flush(); }
  if (part === 'handle') await app.conversation.handle({ channel: 'telegram', chatId: '1', name: 'x', text: 'hộ cận nghèo được hỗ trợ bao nhiêu' });
}
mem('end');
await app.close();
