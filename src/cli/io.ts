/** Where the CLI reads and writes: the process's streams, or a test's. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };
  /** How long a command works before it says it is still at work (default a second; 0: at once). */
  slowAfterMs?: number;
}
