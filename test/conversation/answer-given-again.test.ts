import { describe, expect, test } from 'vitest';
import { answerMessage } from '../../src/domain/subsidy/index.js';
import { digest, digestText } from '../../src/conversation/citizen/answer-digest.js';
import { replyFor } from '../../src/conversation/citizen/subsidy-reply.js';
import { rules } from '../domain/subsidy/rules.js';

const options = { rules, today: '2026-12-01' };

describe('a question asked again in the same words', () => {
  test('gets the same reply and the same logged digest, made once and read-only', () => {
    const answers = answerMessage('hộ nghèo được hỗ trợ bao nhiêu', options);
    expect(answerMessage('hộ nghèo được hỗ trợ bao nhiêu', options)).toBe(answers);
    const answer = answers[0]!;
    expect(answer.kind).toBe('answer');

    const reply = replyFor(answer);
    expect(replyFor(answer)).toBe(reply);
    expect(reply.lines[0]).toEqual({ key: answer.key, params: answer.params });
    expect(Object.isFrozen(reply.lines)).toBe(true);
    expect(() => reply.lines.push({ key: 'common:help.citizen' })).toThrow(TypeError);

    const logged = digestText(answers);
    expect(digestText(answers)).toBe(logged);
    expect(JSON.parse(logged)).toEqual(digest(answers));
    expect(JSON.parse(logged)[0].figures.rate).toBe('50%');
  });

  test('a reply that names the logged question is made for it, and an answer not kept is not reused', () => {
    const [answer] = answerMessage('hộ nghèo được hỗ trợ bao nhiêu', options);
    expect(replyFor(answer!, 7)).not.toBe(replyFor(answer!, 7));
    const open = { ...answer! };
    expect(replyFor(open)).not.toBe(replyFor(open));
    expect(Object.isFrozen(replyFor(open).lines)).toBe(false);
  });
});
