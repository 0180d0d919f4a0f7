import { readFileSync } from 'node:fs';

// Linux counts a thread's CPU in clock ticks of 1/100 s (USER_HZ, the same on every Linux architecture node runs on).
const TICK_MS = 10;

/**
 * CPU time this thread has used, in ms: what handling costs, without the time it waited for a loaded machine. The
 * suite runs test files as threads of one process, so the process's own figure (`process.cpuUsage`) would count the
 * other files' work; Linux gives each thread's (/proc/thread-self/stat), elsewhere the process's is the best there is.
 * Ticks are coarse: read it around many operations, not one.
 */
export function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // After the command name in parentheses: state is field 3, utime and stime fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
}
