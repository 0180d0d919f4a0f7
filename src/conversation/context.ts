import type { TFunction } from 'i18next';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { ChatStateRepo, FlowState } from '../repositories/chat-state-repo.js';
import type { DeliveryFailuresRepo } from '../repositories/delivery-failures-repo.js';
import type { OutboxRepo } from '../repositories/outbox-repo.js';
import type { QuestionsRepo } from '../repositories/questions-repo.js';
import type { Rules } from '../domain/subsidy/index.js';
import type { Channel } from '../messaging/channel.js';
import type { PeopleRepo, PersonInfo } from '../repositories/people-repo.js';
import type { PlansRepo } from '../repositories/plans-repo.js';
import type { Clock } from '../services/clock.js';
import type { InviteService } from '../services/invite-service.js';
import type { ReminderService } from '../services/reminder-service.js';
import type { EvidenceLogDeps } from '../services/evidence-log.js';
import type { ProgressService } from '../services/progress-service.js';
import type { MessagePayload } from '../messaging/message.js';
import type { LineParam, TextKey } from '../domain/text/line.js';
import type { Button, ButtonKind } from '../messaging/buttons.js';
import { fold } from '../domain/text/fold.js';

export interface Incoming {
  channel: Channel;
  chatId: string;
  /** The sender's display name on the platform; a function when it costs a call, asked only for a new chat. */
  name: string | (() => Promise<string>);
  text?: string;
  /** A pressed button's data. */
  data?: string;
}

export interface CoreDeps {
  people: PeopleRepo;
  agencies: AgenciesRepo;
  chatState: ChatStateRepo;
  questions: QuestionsRepo;
  outbox: OutboxRepo;
  deliveryFailures: DeliveryFailuresRepo;
  subsidy: { rules: Rules; threshold: number };
  plans: PlansRepo;
  invites: InviteService;
  reminders: ReminderService;
  progress: ProgressService;
  /** The evidence log of deadlines (/baocao nhatky). */
  evidenceLog: EvidenceLogDeps;
  clock: Clock;
  config: Pick<Config, 'language' | 'staffChat'>;
  /** The Telegram bot's username, for invite links; unknown until the bot has started. */
  botUsername: () => string | undefined;
  logger: Logger;
  /** Years in use with no holiday data at `now` (only weekends are days off in them). */
  calendarGaps: (now: Date) => number[];
}

/** What a feature sees of one incoming message. */
export interface Turn {
  incoming: Incoming;
  person: PersonInfo;
  args: string[];
  now: Date;
  t: TFunction;
  deps: CoreDeps;
  /** The pressed button, read, when `incoming.data` is one this feature answers. */
  button?: Button;
  /**
   * The chat's guided-flow state as stored (null: none), read with the person at the start of the turn and kept
   * current by the flow kit; undefined where a turn was made without it (the flow kit then reads it).
   */
  flow?: FlowState | null;
}

export interface Feature {
  /** Command names (without "/") this feature answers, English first, then Vietnamese aliases. */
  commands?: string[];
  /** The kinds of button this feature answers, from the registry (`buttonKindsOf`). */
  buttons?: readonly ButtonKind[];
  /**
   * Guided flows this feature runs (ChatState.flow): while a chat is in one, its
   * typed replies that are not commands go to this feature, so the flow works
   * where buttons cannot be pressed.
   */
  flows?: string[];
  /**
   * Whole messages this feature understands when typed (folded: lowercase, no diacritics), the typed twin
   * of its buttons for channels or people that cannot press them. Checked after guided flows.
   */
  typed?: (folded: string) => boolean;
  handle(turn: Turn): Promise<MessagePayload[]>;
}

/** The chat a turn came from: the key of its guided-flow state. */
export const chatOf = (turn: Turn) => ({ channel: turn.incoming.channel, chatId: turn.incoming.chatId });

export const say = (key: TextKey, params?: Record<string, LineParam>): MessagePayload => ({ lines: [{ key, params }] });

// Features take the role checks from here, with the rest of what a turn needs.
export { focalAgencyIds, isEveryProvince, isFocal, isInChargeOf, isSupervisor, supervisedProvinces, supervises, supervisesEveryProvince } from '../domain/people/roles.js';

/** A typed reply in the form `Feature.typed` sees: folded, punctuation dropped, single spaces. */
export const typedForm = (text: string) => fold(text).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
