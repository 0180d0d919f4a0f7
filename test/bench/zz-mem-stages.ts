import { join } from 'node:path';
const root = join(import.meta.dirname, '../..');
const mem = (label: string) => { const m = process.memoryUsage(); console.log(label.padEnd(28), 'rss', (m.rss / 2 ** 20).toFixed(0), 'heapUsed', (m.heapUsed / 2 ** 20).toFixed(0), 'heapTotal', (m.heapTotal / 2 ** 20).toFixed(0), 'external', (m.external / 2 ** 20).toFixed(0), 'ab', (m.arrayBuffers / 2 ** 20).toFixed(0)); };
mem('start');
const url = process.argv[2]!;
if (process.argv[3] === 'premigrate') { const { migrate } = await import('../../src/db/migrate.js'); await migrate(url); mem('after migrate'); }
const [{ createConfig }, { silentLogger }, { createApp }] = await Promise.all([import('../../src/config.js'), import('../../src/logger.js'), import('../../src/app.js')]);
mem('imported app');
const config = createConfig({ DATABASE_URL: url, PLANS_DIR: join(root, 'prisma/seed/plans'), HOLIDAYS_FILE: join(root, 'data/holidays.yaml'), WEEKLY_DIGEST: 'off', CONSOLE: 'off' });
const app = await createApp({ config, logger: silentLogger });
mem('createApp');
globalThis.gc?.(); mem('after gc');
for (let round = 0; round < 4; round++) {
for (let i = 0; i < 2000; i++) { await app.conversation.handle({ channel: 'telegram', chatId: String(5000 + round * 2000 + i), name: 'x', text: 'hộ cận nghèo được hỗ trợ bao nhiêu' }); }
await app.conversation.written();
mem('after 2000 questions');
globalThis.gc?.(); mem('after gc');
}
await app.close();
