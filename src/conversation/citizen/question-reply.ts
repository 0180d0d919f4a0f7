import { answerMessage, type Choice } from '../../domain/subsidy/index.js';
import type { MessagePayload } from '../../messaging/message.js';
import type { QuestionOutcome } from '../../repositories/questions-repo.js';
import type { Turn } from '../context.js';
import { digest } from './answer-digest.js';
import { questionLanguage } from './question-language.js';
import { answerOptions, replyFor } from './subsidy-reply.js';
import { rememberClarification } from './clarify-reply.js';
import type { Answer } from '../../domain/subsidy/index.js';

export { CLARIFY_FLOW, type ClarifyState } from './clarify-reply.js';

/** An answer whose reply carries the logged question's number: the hand-off button, the clarifying options. */
const namesQuestion = (a: Answer) => a.kind === 'clarify' || a.kind === 'fallback';

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
  const logged = { topic: first.intent === 'out_of_scope' ? undefined : first.intent, outcome: outcomeOf(answers), answer: JSON.stringify(digest(answers)) };
  let questionId: number | undefined;
  const draft = { personId: turn.person.id, channel: turn.incoming.channel, chatId: turn.incoming.chatId, text, ...logged, askedAt: turn.now };
  if (clarified) {
    questionId = clarified.questionId;
    await turn.deps.questions.recordOutcome(questionId, { ...logged, choice: JSON.stringify(clarified.choice) });
  } else if (answers.some(namesQuestion)) {
    questionId = await turn.deps.questions.record(draft);
  } else {
    // Most questions: the reply names no question, so it need not wait for the log.
    turn.deps.questions.log(draft);
  }
  if (first.kind === 'clarify') await rememberClarification(turn, questionId!, first);
  const language = questionLanguage(text);
  return answers.map((a) => ({ ...replyFor(a, questionId), ...(language ? { language } : {}) }));
}
