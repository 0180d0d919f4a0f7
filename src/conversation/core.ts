import type { i18n } from 'i18next';
import { isLanguage } from '../i18n.js';
import { typedForm, type CoreDeps, type Feature, type Incoming, type Turn } from './context.js';
import { activeFlow } from './flow.js';
import { decodeButton, type Button, type ButtonKind } from '../messaging/buttons.js';
import type { OutgoingMessage } from '../messaging/message.js';
import { render } from '../messaging/render.js';

/** Splits "/start@MyBot abc" into the command "start" and its arguments. */
export function parseCommand(text: string): { command: string; args: string[] } | undefined {
  const m = /^\/([A-Za-z0-9_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  return { command: m[1]!.toLowerCase(), args: (m[2] ?? '').split(/\s+/).filter(Boolean) };
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
  /** A button's data, read, when a feature answers it. */
  const pressed = (data: string) => {
    const button = decodeButton(data);
    const feature = button && byButton.get(button.kind);
    return feature && { feature, button };
  };

  async function route(incoming: Incoming, now: Date): Promise<{ feature: Feature; args: string[]; button?: Button }> {
    if (incoming.data) {
      const found = pressed(incoming.data);
      return { feature: found?.feature ?? deps.fallback, args: [incoming.data], ...(found ? { button: found.button } : {}) };
    }
    const parsed = incoming.text ? parseCommand(incoming.text) : undefined;
    const feature = parsed && byCommand.get(parsed.command);
    if (feature) return { feature, args: parsed.args };
    if (!parsed && incoming.text) {
      const state = await activeFlow(deps.chatState, { channel: incoming.channel, chatId: incoming.chatId }, now);
      const owner = state && deps.features.find((f) => f.flows?.includes(state.flow));
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
    async handle(incoming: Incoming): Promise<OutgoingMessage[]> {
      const now = deps.clock.now();
      const person = await deps.people.personForChat({ channel: incoming.channel, chatId: incoming.chatId, name: incoming.name, language: deps.config.language, at: now });
      const { feature, args, button } = await route(incoming, now);
      const language = isLanguage(person.language) ? person.language : deps.config.language;
      const turn: Turn = { incoming, person, args, now, t: deps.i18n.getFixedT(language), deps, ...(button ? { button } : {}) };
      const payloads = await feature.handle(turn);
      // A feature may change the language (/lang): answer in the new one.
      const after = (await deps.people.person(person.id))?.language ?? language;
      const t = deps.i18n.getFixedT(after);
      return payloads.map((p) => render(p.language ? deps.i18n.getFixedT(p.language) : t, p));
    },
  };
}

export type Conversation = ReturnType<typeof createConversation>;
