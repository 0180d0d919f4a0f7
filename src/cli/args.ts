import { parseArgs } from 'node:util';
import type { TFunction } from 'i18next';
import { closest } from '../domain/text/closest.js';

/** A mistake in what the operator typed: one sentence saying what was wrong and what to type instead; exit code 2. */
export class UsageError extends Error {}

/** What a command accepts: its options and how many words follow its name. */
interface CommandSpec {
  options: readonly string[];
  args: readonly [min: number, max: number];
}

const ANY = Number.POSITIVE_INFINITY;
const FLAGS = ['all', 'json'];

/** Every command's name (one or two words) and what it accepts; `help` and usage lines follow this order. */
export const SPECS: Record<string, CommandSpec> = {
  help: { options: [], args: [0, 0] },
  'db migrate': { options: [], args: [0, 0] },
  'plans import': { options: ['dir'], args: [0, 0] },
  'plans list': { options: ['json'], args: [0, 0] },
  'plans set-date': { options: ['note'], args: [3, 3] },
  'plans confirm-date': { options: [], args: [3, ANY] },
  'plans date-history': { options: [], args: [2, 2] },
  'agencies list': { options: ['province', 'json'], args: [0, 0] },
  'agencies rename': { options: [], args: [2, ANY] },
  'agencies merge': { options: [], args: [2, 2] },
  'agencies reorganise': { options: [], args: [1, 1] },
  'agencies reassign': { options: [], args: [2, ANY] },
  'agencies set-level': { options: [], args: [2, 2] },
  'agencies set-parent': { options: [], args: [2, 2] },
  'provinces merge': { options: ['name', 'basis', 'on'], args: [2, 2] },
  'deadlines list': { options: ['from', 'to', 'agency', 'province', 'json'], args: [0, 0] },
  'reminders preview': { options: ['from', 'to', 'json'], args: [0, 0] },
  invite: { options: ['province', 'agency', 'json'], args: [1, 1] },
  'questions unanswered': { options: ['since', 'all', 'json'], args: [0, 0] },
  'questions reviewed': { options: [], args: [1, ANY] },
  'questions replay': { options: ['since', 'rules', 'all', 'json'], args: [0, 0] },
  report: { options: ['province', 'agency', 'plan', 'level', 'format', 'out', 'lang', 'from', 'to'], args: [0, ANY] },
  'zalo set-refresh-token': { options: [], args: [0, 0] },
  'zalo status': { options: [], args: [0, 0] },
  status: { options: ['json'], args: [0, 0] },
  'outbox failed': { options: [], args: [0, 0] },
  'outbox retry': { options: [], args: [1, 1] },
  'privacy purge': { options: [], args: [0, 0] },
  'privacy export': { options: [], args: [1, 1] },
  'privacy forget': { options: [], args: [1, 1] },
};

export type Values = Record<string, string | boolean | undefined>;

export interface Parsed {
  name: string;
  positionals: string[];
  values: Values;
}

/** The usage line of one command, in the operator's language. */
export const usageOf = (name: string, t: TFunction): string => t(`cli:commands.${name}` as 'cli:commands.help');

/** Every command's usage, for `help` and a bare `npm run cli`. */
export const usage = (t: TFunction): string => t('cli:usage', { commands: Object.keys(SPECS).map((n) => `  ${usageOf(n, t)}`).join('\n') });

/**
 * Reads the command line against {@link SPECS}: which command, and that it was given only the options it knows, each
 * with its value, and as many words as it takes. `known` lets a command added elsewhere run without a spec.
 */
export function parseCommandLine(argv: readonly string[], t: TFunction, known: (name: string) => boolean): Parsed {
  const strings = Object.fromEntries([...new Set(Object.values(SPECS).flatMap((s) => s.options))].map((o) => [o, { type: FLAGS.includes(o) ? ('boolean' as const) : ('string' as const) }]));
  // Not strict: an unknown option is named to the operator below, in their language, rather than thrown by node.
  const { positionals, values } = parseArgs({ args: [...argv], allowPositionals: true, strict: false, options: strings });
  const name = [positionals.slice(0, 2).join(' '), positionals[0] ?? ''].find((n) => n && (SPECS[n] || known(n)));
  if (!name) {
    const typed = positionals.slice(0, 2).join(' ');
    const suggestion = closest(typed, Object.keys(SPECS), 3) ?? closest(positionals[0] ?? '', Object.keys(SPECS), 2);
    throw new UsageError(suggestion ? t('cli:unknownCommandSuggest', { command: typed, suggestion: usageOf(suggestion, t) }) : t('cli:unknownCommand', { command: typed }));
  }
  const rest = positionals.slice(name.split(' ').length);
  const spec = SPECS[name];
  if (spec) {
    const problem = { command: name, usage: usageOf(name, t) };
    for (const [option, value] of Object.entries(values)) {
      if (!spec.options.includes(option)) throw new UsageError(t('cli:unknownOption', { ...problem, option: `--${option}` }));
      // `--from --to 2026-07-01`: the option parser takes `--to` as the value of `--from`.
      if ((value === true && !FLAGS.includes(option)) || (typeof value === 'string' && value.startsWith('--'))) throw new UsageError(t('cli:missingValue', { ...problem, option: `--${option}` }));
    }
    if (rest.length < spec.args[0] || rest.length > spec.args[1]) throw new UsageError(t('cli:badArguments', problem));
  }
  return { name, positionals: rest, values };
}
