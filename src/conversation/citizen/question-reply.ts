import { answerMessage, type Choice } from '../../domain/subsidy/index.js';
import type { MessagePayload } from '../../messaging/message.js';
import type { QuestionOutcome } from '../../repositories/questions-repo.js';
import type { Turn } from '../context.js';
import { digestText } from './answer-digest.js';
import { questionLanguage } from './question-language.js';
import { answerOptions, logQuestion, namesQuestion, replyFor } from './subsidy-reply.js';
import { rememberClarification } from './clarify-reply.js';
import type { Answer } from '../../domain/subsidy/index.js';

export { CLARIFY_FLOW, type ClarifyState } from './clarify-reply.js';

function outcomeOf(answers: readonly Answer[]): QuestionOutcome {
  if (answers.some((a) => a.kind === 'clarify')) return 'clarify';
  if (answers.every((a) => a.kind === 'fallback')) return 'fallback';
  return answers.some((a) => a.kind === 'error') ? 'error' : 'answered';
}

/**
 * A citizen's question answered on every topic it asks and logged; the log is what staff
 * review and reply to. When the bot must ask which reading was meant, it asks and remembers
 * the question, so that a typed reply (where buttons cannot be pressed) answers it too.
 * After a clarifying question, `clarified` carries the choice and the logged question.
 */
export async function answerQuestion(turn: Turn, text: string, clarified?: { questionId: number; choice: Choice }): Promise<MessagePayload[]> {
  const answers = answerMessage(text, { ...answerOptions(turn), ...(clarified ? { choice: clarified.choice } : {}) });
  const first = answers[0]!;
  const logged = { topic: first.intent === 'out_of_scope' ? undefined : first.intent, outcome: outcomeOf(answers), answer: digestText(answers) };
  let questionId: number | undefined;
  if (clarified) {
    questionId = clarified.questionId;
    await turn.deps.questions.recordOutcome(questionId, { ...logged, choice: JSON.stringify(clarified.choice) });
  } else {
    const draft = { personId: turn.person.id, channel: turn.incoming.channel, chatId: turn.incoming.chatId, text, ...logged, askedAt: turn.now };
    questionId = await logQuestion(turn, draft, answers.some(namesQuestion));
  }
  if (first.kind === 'clarify') await rememberClarification(turn, questionId!, first);
  const language = questionLanguage(text);
  return answers.map((a) => ({ ...replyFor(a, questionId), ...(language ? { language } : {}) }));
}
