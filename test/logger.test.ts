import { expect, test } from 'vitest';
import { createLogger, silentLogger } from '../src/logger.js';

function capture(level: 'debug' | 'info' = 'info') {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level, write: (l) => lines.push(l) }) };
}

test('one JSON line per entry, with an ISO time on the Vietnamese clock, the level by name and the message; below the level nothing', () => {
  const { lines, logger } = capture();
  logger.debug('not shown');
  logger.info('sent', { outboxId: 7 });
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toContain('\n');
  const entry = JSON.parse(lines[0]!);
  expect(entry).toMatchObject({ level: 'info', message: 'sent', outboxId: 7 });
  expect(entry.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/);
  expect(Math.abs(Date.parse(entry.time) - Date.now())).toBeLessThan(60_000);
});

test('a child logger adds its bindings and is scrubbed like its parent', () => {
  const { lines, logger } = capture();
  logger.child({ channel: 'zalo' }).warn('refresh', { tokens: { refresh_token: { value: 'RT-nested' } } });
  expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', channel: 'zalo', message: 'refresh' });
  expect(lines[0]).not.toContain('RT-nested');
});

test('the silent logger accepts everything, children included', () => {
  expect(() => silentLogger.child({ a: 1 }).error('x', { y: 2 })).not.toThrow();
});
