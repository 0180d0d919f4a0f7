import { encodeButton, type BareButtonKind, type ButtonKind, type ButtonOf } from '../messaging/buttons.js';
import type { ButtonSpec, MessagePayload, TextLine } from '../messaging/message.js';
import type { FlowState } from '../repositories/chat-state-repo.js';
import { chatOf, typedForm, type Turn } from './context.js';

/**
 * Guided flows (the progress update, the subsidy calculator): a question at a time, answered by a
 * button or a typed reply, the answers so far kept per chat in ChatState so that a restart or an
 * hour's pause loses nothing. A flow names its steps; this kit keeps the state, stops a flow on
 * its cancel button or a cancel word, and forgets one left waiting too long.
 */

/**
 * Words that stop any flow, typed alone (folded: no diacritics). One list for every flow, so that
 * what stops one stops the others. "dừng" folds to "dung", as "đúng" ("right") does: typed with its
 * diacritics, "đúng" is an answer, and a draft is not thrown away for it.
 */
export const CANCEL_WORDS: readonly string[] = ['huy', 'thoat', 'dung', 'cancel', 'stop', 'quit'];
/** Words that save, at the steps of a flow that offer its save button. */
export const SAVE_WORDS: readonly string[] = ['luu', 'save', 'xong', 'gui', 'send'];

/**
 * How long a flow waits for its next answer. After that a message is a message again, not the
 * answer to a question asked the day before and forgotten since.
 */
export const FLOW_TTL_MS = 24 * 3_600_000;

export const isCancelWord = (text: string) => CANCEL_WORDS.includes(typedForm(text)) && !/^\s*đúng/iu.test(text.normalize('NFC'));
const isSaveWord = (text: string) => SAVE_WORDS.includes(typedForm(text));

/** A chat's flow state, unless it has waited longer than FLOW_TTL_MS. */
export function liveFlow(state: FlowState | undefined, now: Date): FlowState | undefined {
  if (!state) return undefined;
  // A state kept before flows had a time is older than any wait allowed: NaN compares false.
  const at = typeof state.data.at === 'string' ? Date.parse(state.data.at) : NaN;
  return now.getTime() - at < FLOW_TTL_MS ? state : undefined;
}

/** The chat's flow state as stored (expired or not): the turn's, read with the person, or read now. */
export async function storedFlow(turn: Turn): Promise<FlowState | undefined> {
  if (turn.flow !== undefined) return turn.flow ?? undefined;
  return turn.deps.chatState.get(chatOf(turn));
}

/** Keeps a chat's place in flow `name`, with the time (`at`) its wait is measured from. */
export async function keepFlow(turn: Turn, name: string, data: object): Promise<void> {
  const state = { flow: name, data: { ...data, at: turn.now.toISOString() } };
  await turn.deps.chatState.set(chatOf(turn), state);
  turn.flow = state;
}

/** Forgets the chat's flow, whichever it is. */
export async function forgetFlow(turn: Turn): Promise<void> {
  await turn.deps.chatState.clear(chatOf(turn));
  turn.flow = null;
}

/** What the chat's flow `name` keeps (without its time); undefined if the chat is in no such flow or it expired. */
export async function flowData<D>(turn: Turn, name: string): Promise<D | undefined> {
  const state = liveFlow(await storedFlow(turn), turn.now);
  if (state?.flow !== name) return undefined;
  const { at: _at, ...data } = state.data;
  return data as unknown as D;
}

export interface FlowData {
  step: string;
}

/** What an answer does to the flow. */
export type Outcome<D extends FlowData> =
  /** Move to `next.step` (kept, then asked), after what went wrong if anything did. */
  | { next: D; problem?: TextLine[] }
  /** Ask the same step again, after what was wrong and messages to send before the question. */
  | { again: TextLine[]; before?: MessagePayload[] }
  /** The flow is over: forget it and say this. */
  | { done: MessagePayload[] }
  /** Say this; the flow stays where it is. */
  | { say: MessagePayload[] };

type Answer<D extends FlowData> = Outcome<D> | Promise<Outcome<D>>;
type Presses<D extends FlowData> = { [K in ButtonKind]?: (turn: Turn, data: D, button: ButtonOf<K>) => Answer<D> };

export interface Step<D extends FlowData> {
  /** The question: its lines and buttons; the kit adds the row with the save and cancel buttons. */
  ask(turn: Turn, data: D): MessagePayload | Promise<MessagePayload>;
  /** A typed reply to the question (not a cancel or save word). */
  typed(turn: Turn, data: D, text: string): Answer<D>;
  /**
   * The question's buttons. One may come from an earlier message, pressed while the flow is at
   * another step: it gets the flow as it is now and decides whether it still applies.
   */
  pressed?: Presses<D>;
}

export interface FlowDef<D extends FlowData> {
  /** Its name in ChatState. */
  name: string;
  steps: Record<D['step'], Step<D>>;
  cancel: { button: BareButtonKind; label: TextLine; done: MessagePayload };
  /** Said to a button or reply that comes for a flow no longer running. */
  expired: MessagePayload;
  /** Finishing on request: the button, offered at the steps `at`, where the save words also work. */
  save?: { button: BareButtonKind; label: TextLine; at: readonly D['step'][]; run(turn: Turn, data: D): Answer<D> };
}

export interface GuidedFlow<D extends FlowData> {
  name: string;
  /** Begins (or begins again) at `data.step`, after `before`. */
  start(turn: Turn, data: D, before?: MessagePayload[]): Promise<MessagePayload[]>;
  /** A typed reply or a pressed button while the chat is in this flow (or was). */
  handle(turn: Turn): Promise<MessagePayload[]>;
  /** Takes the turn's reply or button as an answer to `data`: for a button that starts the flow over. */
  answer(turn: Turn, data: D): Promise<MessagePayload[]>;
  /** Forgets the flow. */
  end(turn: Turn): Promise<void>;
}

const button = (label: TextLine, kind: BareButtonKind): ButtonSpec => ({ ...label, data: encodeButton(kind) });

export function guidedFlow<D extends FlowData>(def: FlowDef<D>): GuidedFlow<D> {
  const cancelButton = button(def.cancel.label, def.cancel.button);
  const saveButton = def.save && button(def.save.label, def.save.button);
  const steps = Object.values(def.steps) as Step<D>[];

  const store = (turn: Turn, data: D) => keepFlow(turn, def.name, data);
  const end = forgetFlow;
  const load = (turn: Turn) => flowData<D>(turn, def.name);

  async function question(turn: Turn, data: D, problem: TextLine[] = []): Promise<MessagePayload> {
    const asked = await def.steps[data.step as D['step']].ask(turn, data);
    const last = saveButton && def.save!.at.includes(data.step) ? [saveButton, cancelButton] : [cancelButton];
    return { ...asked, lines: [...problem, ...asked.lines], buttons: [...(asked.buttons ?? []), last] };
  }

  async function settle(turn: Turn, data: D, outcome: Outcome<D>): Promise<MessagePayload[]> {
    if ('next' in outcome) {
      await store(turn, outcome.next);
      return [await question(turn, outcome.next, outcome.problem)];
    }
    if ('again' in outcome) return [...(outcome.before ?? []), await question(turn, data, outcome.again)];
    if ('done' in outcome) {
      await end(turn);
      return outcome.done;
    }
    return outcome.say;
  }

  async function answer(turn: Turn, data: D): Promise<MessagePayload[]> {
    const pressed = turn.button;
    if (pressed) {
      if (def.save && pressed.kind === def.save.button) return settle(turn, data, await def.save.run(turn, data));
      const take = steps.map((s) => s.pressed?.[pressed.kind]).find(Boolean) as ((turn: Turn, data: D, button: typeof pressed) => Answer<D>) | undefined;
      return take ? settle(turn, data, await take(turn, data, pressed)) : [def.expired];
    }
    const text = turn.incoming.text ?? '';
    if (def.save?.at.includes(data.step) && isSaveWord(text)) return settle(turn, data, await def.save.run(turn, data));
    return settle(turn, data, await def.steps[data.step as D['step']].typed(turn, data, text));
  }

  return {
    name: def.name,
    async start(turn, data, before = []) {
      await store(turn, data);
      return [...before, await question(turn, data)];
    },
    async handle(turn) {
      // Cancelling needs no flow to cancel: an old cancel button still gets its answer.
      if (turn.button ? turn.button.kind === def.cancel.button : isCancelWord(turn.incoming.text ?? '')) {
        await end(turn);
        return [def.cancel.done];
      }
      const data = await load(turn);
      return data ? answer(turn, data) : [def.expired];
    },
    answer,
    end,
  };
}
