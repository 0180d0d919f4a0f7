import type { i18n } from 'i18next';
import { isLanguage, translatorFor, type Language } from '../i18n.js';
import { say, typedForm, type CoreDeps, type Feature, type Incoming, type Turn } from './context.js';
import { liveFlow } from './flow.js';
import { decodeButton, type Button, type ButtonKind } from '../messaging/buttons.js';
import type { OutgoingMessage } from '../messaging/message.js';
import { render } from '../messaging/render.js';
import type { FlowState } from '../repositories/chat-state-repo.js';

/**
 * Telegram takes no longer message from a person (4,096 characters); a longer one was made by a script, and is
 * answered so without being read, logged or echoed.
 */
export const MAX_MESSAGE_CHARS = 4096;

/** Splits "/start@MyBot abc" into the command "start" and its arguments. */
export function parseCommand(text: string): { command: string; args: string[] } | undefined {
  const m = /^\/([A-Za-z0-9_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  return { command: m[1]!.toLowerCase(), args: (m[2] ?? '').split(/\s+/).filter(Boolean) };
}

/** PostgreSQL text cannot hold NUL and no person types one: it is dropped before the message is stored or read. */
function withoutNul(incoming: Incoming): Incoming {
  const hasNul = (s: unknown) => typeof s === 'string' && s.includes('\u0000');
  if (!hasNul(incoming.text) && !hasNul(incoming.data) && typeof incoming.name === 'string' && !hasNul(incoming.name)) return incoming;
  const clean = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '') : s);
  return {
    ...incoming,
    ...(incoming.text !== undefined ? { text: clean(incoming.text) } : {}),
    ...(incoming.data !== undefined ? { data: clean(incoming.data) } : {}),
    name: typeof incoming.name === 'string' ? clean(incoming.name) : async () => clean(await (incoming.name as () => Promise<string>)()),
  };
}

/**
 * The one conversation every channel talks to: a platform message in, translated
 * replies out. Features are registered in order; `fallback` answers the rest.
 */
export function createConversation(deps: CoreDeps & { i18n: i18n; features: Feature[]; fallback: Feature }) {
  const byCommand = new Map<string, Feature>();
  for (const f of deps.features) for (const c of f.commands ?? []) byCommand.set(c, f);
  const byButton = new Map<ButtonKind, Feature>();
  for (const f of deps.features) {
    for (const kind of f.buttons ?? []) {
      if (byButton.has(kind)) throw new Error(`button ${kind} is answered by two features`);
      byButton.set(kind, f);
    }
  }
  const speak = (language: Language) => translatorFor(deps.i18n, language);

  /** A button's data, read, when a feature answers it. */
  const pressed = (data: string) => {
    const button = decodeButton(data);
    const feature = button && byButton.get(button.kind);
    return feature && { feature, button };
  };

  /** The feature a message goes to: a button's, a command's, the chat's guided flow's, a typed reply's, or the fallback. */
  function route(incoming: Incoming, flow: FlowState | undefined): { feature: Feature; args: string[]; button?: Button } {
    if (incoming.data) {
      const found = pressed(incoming.data);
      return { feature: found?.feature ?? deps.fallback, args: [incoming.data], ...(found ? { button: found.button } : {}) };
    }
    const parsed = incoming.text ? parseCommand(incoming.text) : undefined;
    const feature = parsed && byCommand.get(parsed.command);
    if (feature) return { feature, args: parsed.args };
    if (!parsed && incoming.text) {
      const owner = flow && deps.features.find((f) => f.flows?.includes(flow.flow));
      if (owner) return { feature: owner, args: [] };
      const folded = typedForm(incoming.text);
      const typed = deps.features.find((f) => f.typed?.(folded));
      if (typed) return { feature: typed, args: [] };
    }
    return { feature: deps.fallback, args: [] };
  }

  return {
    /** True when a message's text is a button's data sent back as text (Zalo's oa.query.show payloads). */
    isButtonData(text: string): boolean {
      return pressed(text) !== undefined;
    },
    async handle(received: Incoming): Promise<OutgoingMessage[]> {
      const incoming = withoutNul(received);
      const now = deps.clock.now();
      // One query for who wrote, their roles and the chat's flow; the chat's last-inbound time is written after the reply.
      const { person, flow } = await deps.people.arrive({ channel: incoming.channel, chatId: incoming.chatId, name: incoming.name, language: deps.config.language, at: now });
      const language = isLanguage(person.language) ? person.language : deps.config.language;
      const length = (incoming.text?.length ?? 0) + (incoming.data?.length ?? 0);
      if (length > MAX_MESSAGE_CHARS) return [render(speak(language), say('common:tooLong', { length, limit: MAX_MESSAGE_CHARS }))];
      const { feature, args, button } = route(incoming, liveFlow(flow, now));
      const turn: Turn = { incoming, person, args, now, t: speak(language), deps, flow: flow ?? null, ...(button ? { button } : {}) };
      const payloads = await feature.handle(turn);
      // A payload in another language (the answer to /lang, an English question) says so itself.
      return payloads.map((p) => render(p.language ? speak(p.language) : turn.t, p));
    },
    /**
     * Resolves once what the turns so far logged after replying (their questions, the chats' last-inbound times) is
     * stored. A channel waits for it after sending the replies: an update is done when its writes are.
     */
    async written(): Promise<void> {
      await Promise.all([deps.people.flush(), deps.questions.flush()]);
    },
  };
}

export type Conversation = ReturnType<typeof createConversation>;
