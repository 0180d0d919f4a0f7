import type { Feature } from '../context.js';
import { adhocDates } from './adhoc-dates.js';
import { agencies } from './agencies.js';
import { calc } from './calc.js';
import { questionButtons } from './questions.js';
import { staffReply } from './staff-reply.js';
import { subsidyFlow } from './subsidy-flow.js';
import { deadlines } from './deadlines.js';
import { help } from './help.js';
import { invite } from './invite.js';
import { lang } from './lang.js';
import { overdue } from './overdue.js';
import { reminderActions } from './reminder-actions.js';
import { start } from './start.js';
import { unknown } from './unknown.js';

export const features: Feature[] = [start, help, lang, deadlines, overdue, invite, adhocDates, agencies, reminderActions, subsidyFlow, calc, questionButtons, staffReply];
export const fallback: Feature = unknown;
