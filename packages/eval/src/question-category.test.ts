import { describe, expect, it } from 'vitest';
import { questionCategory } from './question-category';

describe('questionCategory', () => {
  it.each([
    ['how many singers do we have?', 'how many'],
    ['How much did it cost?', 'how much'],
    ['what was the last year where this team was a part of the usl a-league?', 'when / what year'],
    ['In what year did they win?', 'when / what year'],
    ['when was the album released?', 'when / what year'],
    ['in what city did piotr finish first?', 'what'],
    ['which team won previous to crettyard?', 'which'],
    ['who was the first driver?', 'who'],
    ['is the population over 1000?', 'yes/no'],
    ['name the top scorer', 'list'],
    ['the team with the most wins is who?', 'who'],
    ["what's the number of parishes founded in the 1800s?", 'what'],
    ['total points', 'other'],
  ])('%s → %s', (question, category) => {
    expect(questionCategory(question)).toBe(category);
  });
});
