/**
 * Button data: what a pressed button sends back (Telegram's callback_data, Zalo's payload), written
 * `<prefix>:<field>:<field>…`. Every kind of button is registered here with its prefix, the feature
 * that answers it and its fields, so data is built and read in one place. Data already sent stays in
 * people's chats and may be pressed months later: a prefix is never given a new meaning, and a form
 * that is no longer written stays readable as `legacy`.
 *
 * It lives with the messages rather than the conversation because reminders, built by the reminder
 * service, carry buttons too.
 */

/** Telegram refuses a button whose callback_data is longer (in UTF-8 bytes). */
export const MAX_DATA_BYTES = 64;

type FieldType = 'int' | 'text';

/** The largest number an int field holds: ids are 32-bit on PostgreSQL, and anything larger names nothing. */
export const MAX_ID = 2_147_483_647;

export interface KindDef {
  /** The feature that answers it; a prefix's first part belongs to one feature. */
  feature: string;
  prefix: string;
  /** Prefixes this kind had before, still read so that old buttons keep working. */
  legacy?: readonly string[];
  /** In order; the last one takes the rest of the data, colons and all (an occurrence key has some). */
  fields: readonly (readonly [name: string, type: FieldType])[];
}

export const BUTTON_REGISTRY = {
  lang: { feature: 'lang', prefix: 'l', fields: [['language', 'text']] },
  'invite.agency': { feature: 'invite', prefix: 'i', fields: [['agencyId', 'int']] },
  // Pressed on the chat that made a /lienket code, to join the chat that typed it.
  'link.confirm': { feature: 'link', prefix: 'k', fields: [['inviteId', 'int']] },
  'reminder.done': { feature: 'reminders', prefix: 'r:d', fields: [['key', 'text']] },
  'reminder.ack': { feature: 'reminders', prefix: 'r:a', fields: [['key', 'text']] },
  'reminder.snooze': { feature: 'reminders', prefix: 'r:s', fields: [['key', 'text']] },
  // Deadline extensions ("gia hạn"): asked for from a reminder, answered by a supervisor.
  'extension.request': { feature: 'extensions', prefix: 'g:r', fields: [['key', 'text']] },
  'extension.approve': { feature: 'extensions', prefix: 'g:a', fields: [['id', 'int']] },
  'extension.decline': { feature: 'extensions', prefix: 'g:d', fields: [['id', 'int']] },
  'extension.cancel': { feature: 'extensions', prefix: 'g:x', fields: [] },
  'update.agency': { feature: 'update', prefix: 'u:a', fields: [['agencyId', 'int']] },
  'update.period': { feature: 'update', prefix: 'u:p', fields: [['period', 'text']] },
  'update.metric': { feature: 'update', prefix: 'u:m', fields: [['metric', 'text']] },
  'update.save': { feature: 'update', prefix: 'u:s', fields: [] },
  'update.cancel': { feature: 'update', prefix: 'u:x', fields: [] },
  // An empty category is "start again".
  'subsidy.category': { feature: 'subsidy', prefix: 's:c', fields: [['category', 'text']] },
  // "-" is "another province, or none".
  'subsidy.province': { feature: 'subsidy', prefix: 's:p', fields: [['province', 'text']] },
  // "min" is the lowest income allowed that day.
  'subsidy.income': { feature: 'subsidy', prefix: 's:i', fields: [['income', 'text']] },
  'subsidy.months': { feature: 'subsidy', prefix: 's:m', fields: [['months', 'int']] },
  'subsidy.cancel': { feature: 'subsidy', prefix: 's:x', fields: [] },
  // Written under `s:` by the answers before the calculator and the questions were told apart.
  'question.topic': { feature: 'questions', prefix: 'q:t', legacy: ['s:t'], fields: [['topic', 'text']] },
  'question.handOff': { feature: 'questions', prefix: 'q:h', legacy: ['s:h'], fields: [['questionId', 'int']] },
  // The options of a clarifying question: the logged question it settles and the reading chosen,
  // so that a button still works after a restart or once the chat has moved on.
  'question.category': { feature: 'questions', prefix: 'q:c', fields: [['questionId', 'int'], ['category', 'text']] },
  'question.province': { feature: 'questions', prefix: 'q:p', fields: [['questionId', 'int'], ['province', 'text']] },
} as const satisfies Record<string, KindDef>;

const KINDS: Kinds = BUTTON_REGISTRY;
type Kinds = typeof BUTTON_REGISTRY;
export type ButtonKind = keyof Kinds;
export type ButtonFeature = Kinds[ButtonKind]['feature'];
type FieldsOf<K extends ButtonKind> = { [F in Kinds[K]['fields'][number] as F[0]]: F[1] extends 'int' ? number : string };
/** The kinds with no fields: data that is the prefix alone (a cancel button). */
export type BareButtonKind = { [K in ButtonKind]: keyof FieldsOf<K> extends never ? K : never }[ButtonKind];
/** A pressed button, read: its kind and its fields. */
export type Button = { [K in ButtonKind]: { kind: K } & FieldsOf<K> }[ButtonKind];
export type ButtonOf<K extends ButtonKind> = Extract<Button, { kind: K }>;

/** What is wrong with a registry: a prefix twice, one inside another, a first part shared by two features. */
export function registryProblems(kinds: Record<string, KindDef>): string[] {
  const problems: string[] = [];
  const forms = Object.entries(kinds).flatMap(([kind, def]) => [def.prefix, ...(def.legacy ?? [])].map((prefix) => ({ kind, prefix })));
  for (const [i, a] of forms.entries()) {
    for (const b of forms.slice(i + 1)) {
      if (a.prefix === b.prefix) problems.push(`prefix ${a.prefix} is registered for ${a.kind} and ${b.kind}`);
      else if (b.prefix.startsWith(`${a.prefix}:`) || a.prefix.startsWith(`${b.prefix}:`)) problems.push(`prefix ${a.prefix} (${a.kind}) and ${b.prefix} (${b.kind}) overlap`);
    }
  }
  const owner = new Map<string, string>();
  for (const def of Object.values(kinds)) {
    const head = def.prefix.split(':')[0]!;
    const seen = owner.get(head);
    if (seen && seen !== def.feature) problems.push(`prefix ${head}: is used by ${seen} and ${def.feature}`);
    owner.set(head, def.feature);
  }
  return problems;
}

const problems = registryProblems(KINDS);
if (problems.length) throw new Error(`button registry: ${problems.join('; ')}`);

const FORMS = (Object.entries(KINDS) as [ButtonKind, KindDef][]).flatMap(([kind, def]) => [def.prefix, ...(def.legacy ?? [])].map((prefix) => ({ kind, prefix, def })));

/** Every registered kind with its prefix, for the features to declare theirs and tests to walk. */
export const BUTTON_KINDS = Object.keys(KINDS) as ButtonKind[];

export function buttonKindsOf(feature: ButtonFeature): ButtonKind[] {
  return BUTTON_KINDS.filter((kind) => KINDS[kind].feature === feature);
}

export function buttonFeature(kind: ButtonKind): ButtonFeature {
  return KINDS[kind].feature;
}

/** The data for a button of `kind`; throws on data Telegram would refuse, a programming error. */
export function encodeButton<K extends ButtonKind>(kind: K, ...[fields]: keyof FieldsOf<K> extends never ? [] : [FieldsOf<K>]): string {
  const def: KindDef = KINDS[kind];
  const values = def.fields.map(([name, type], i) => {
    const value = (fields as Record<string, string | number>)[name];
    const text = String(value);
    const fits = type === 'int' ? Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_ID : !/\s/.test(text) && (i === def.fields.length - 1 || !text.includes(':'));
    if (!fits) throw new Error(`button ${kind}: ${name} cannot be ${JSON.stringify(value)}`);
    return text;
  });
  const data = [def.prefix, ...values].join(':');
  if (Buffer.byteLength(data, 'utf8') > MAX_DATA_BYTES) throw new Error(`button ${kind}: "${data}" is longer than ${MAX_DATA_BYTES} bytes`);
  return data;
}

/** A pressed button's data, read; undefined for data no registered kind writes. */
export function decodeButton(data: string): Button | undefined {
  if (/\s/.test(data)) return undefined;
  const form = FORMS.find((f) => data === f.prefix || data.startsWith(`${f.prefix}:`));
  if (!form) return undefined;
  const { fields } = form.def;
  const rest = data.slice(form.prefix.length + 1);
  if (!fields.length) return data === form.prefix ? ({ kind: form.kind } as Button) : undefined;
  if (data === form.prefix) return undefined;
  const parts = rest.split(':');
  if (parts.length < fields.length) return undefined;
  const values = [...parts.slice(0, fields.length - 1), parts.slice(fields.length - 1).join(':')];
  const button: Record<string, string | number> = { kind: form.kind };
  for (const [i, [name, type]] of fields.entries()) {
    const value = values[i]!;
    if (type === 'int' && !(/^\d{1,10}$/.test(value) && Number(value) <= MAX_ID)) return undefined;
    button[name] = type === 'int' ? Number(value) : value;
  }
  return button as Button;
}
