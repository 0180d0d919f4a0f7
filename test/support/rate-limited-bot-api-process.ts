// The rate-limited Bot API in a process of its own, so that it stamps calls as they arrive on the wire rather than
// when a busy test process gets round to them. Started by spawnRateLimitedBotApi() below; prints its address.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setPriority } from 'node:os';
import { startRateLimitedBotApi, type Call, type RateLimitedBotApiOptions } from './rate-limited-bot-api.js';

export interface RemoteBotApi {
  apiRoot: string;
  /** Every sendMessage so far, with its arrival time in the server's clock. */
  calls(): Promise<Call[]>;
  stop(): Promise<void>;
}

/**
 * `ahead`: run the server ahead of other work on the host where the OS lets us (a lower nice value). It stamps each
 * call when it reads it: starved by a loaded host it reads them late and in bunches, and would count as bunched
 * calls that the platform, on machines of its own, would see as sent.
 */
export async function spawnRateLimitedBotApi(options: RateLimitedBotApiOptions, run: { ahead?: boolean } = {}): Promise<RemoteBotApi & { ahead: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let ahead = false;
  if (run.ahead) {
    try {
      setPriority(child.pid!, -10);
      ahead = true;
    } catch {
      // Not permitted (not root): the server runs as any process does.
    }
  }
  const address = await new Promise<{ apiRoot: string; stats: string }>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as { apiRoot: string; stats: string });
    });
    child.once('exit', (code) => reject(new Error(`the Bot API process ended (${code}) before it started`)));
  });
  return {
    ahead,
    apiRoot: address.apiRoot,
    async calls() {
      return (await (await fetch(address.stats)).json()) as Call[];
    },
    async stop() {
      child.kill();
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    },
  };
}

if (process.argv[1] === import.meta.filename) {
  const api = await startRateLimitedBotApi(JSON.parse(process.argv[2]!) as RateLimitedBotApiOptions);
  const stats = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(api.calls));
  });
  await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`${JSON.stringify({ apiRoot: api.apiRoot, stats: `http://127.0.0.1:${(stats.address() as AddressInfo).port}/` })}\n`);
}
