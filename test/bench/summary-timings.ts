// What the summary benchmarks share: timing a call several times, the process's peak memory,
// and the closing report with each figure's goal beside it.
import { performance } from 'node:perf_hooks';

export const RUNS = 5;

export interface Measured {
  label: string;
  goalMs: number;
  times: number[];
  /** CPU time of each run: this process's, plus the database server's when it runs apart. */
  cpu: number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs `run` once to warm up, then RUNS times; `serverCpu` gives a database server's CPU milliseconds so far. */
export async function measure(label: string, goalMs: number, run: () => Promise<unknown>, serverCpu: () => number = () => 0): Promise<Measured> {
  const warm = performance.now();
  await run();
  console.error(`${label}: first run ${(performance.now() - warm).toFixed(0)} ms`);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [server, own, start] = [serverCpu(), process.cpuUsage(), performance.now()];
    await run();
    times.push(performance.now() - start);
    const used = process.cpuUsage(own);
    cpu.push((used.user + used.system) / 1000 + serverCpu() - server);
  }
  return { label, goalMs, times, cpu };
}

/** The most memory the process held at once (resident set), in MB. */
export function peakMemory(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function report(input: { data: string; results: readonly Measured[]; memory: number; memoryGoal?: string }): void {
  console.log(input.data);
  for (const r of input.results) {
    const m = median(r.times);
    console.log(`${r.label}: median ${m.toFixed(0)} ms (min ${Math.min(...r.times).toFixed(0)}, max ${Math.max(...r.times).toFixed(0)}; CPU ${median(r.cpu).toFixed(0)} ms; ${RUNS} runs) · goal ≤ ${r.goalMs} ms ${m <= r.goalMs ? 'met' : 'MISSED'}`);
  }
  console.log(`peak memory (max RSS of the process): ${input.memory.toFixed(0)} MB${input.memoryGoal ? ` · goal ${input.memoryGoal}` : ''}`);
}
