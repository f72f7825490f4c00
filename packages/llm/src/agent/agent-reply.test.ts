import { describe, expect, it } from 'vitest';
import { parseAgentReply, stripSqlFences } from './agent-reply';

const spec = { table: 'orders', measures: [{ id: 'n', aggregation: 'count' }], dimensions: [], filters: [] };

describe('parseAgentReply', () => {
  it('reads a spec reply, also inside a json fence with prose around it', () => {
    const reply = JSON.stringify({ kind: 'spec', interpretation: 'Orders', spec });
    for (const text of [reply, `Sure! Here it is:\n\`\`\`json\n${reply}\n\`\`\`\nHope that helps.`]) {
      const parsed = parseAgentReply(text);
      expect(parsed).toMatchObject({ kind: 'query', interpretation: 'Orders' });
      expect(parsed.kind === 'query' && parsed.steps[0]?.candidate).toEqual({ kind: 'spec', spec });
    }
  });

  it('reads SQL from a sql fence, a bare SELECT, or a JSON sql field with fences', () => {
    const sql = 'SELECT region, count(*) FROM orders GROUP BY region';
    for (const text of [
      `\`\`\`sql\n${sql};\n\`\`\``,
      `${sql};`,
      JSON.stringify({ kind: 'sql', sql: `\`\`\`sql\n${sql}\n\`\`\`` }),
    ]) {
      const parsed = parseAgentReply(text);
      expect(parsed.kind === 'query' && parsed.steps[0]?.candidate).toEqual({ kind: 'sql', sql });
    }
    expect(stripSqlFences('```\nSELECT 1;\n```')).toBe('SELECT 1');
  });

  it('reads steps, clarifications and refusals', () => {
    const steps = parseAgentReply(
      JSON.stringify({
        kind: 'steps',
        steps: [
          { title: 'a', spec },
          { title: 'b', sql: 'SELECT 1' },
        ],
      }),
    );
    expect(steps.kind === 'query' && steps.steps.map((step) => step.candidate.kind)).toEqual(['spec', 'sql']);
    expect(parseAgentReply('{"kind":"clarify","question":"Which?","options":["x","y"]}')).toEqual({
      kind: 'clarify',
      question: 'Which?',
      options: ['x', 'y'],
    });
    expect(parseAgentReply('{"kind":"cannot_answer","reason":"no such data"}')).toEqual({
      kind: 'cannot_answer',
      reason: 'no such data',
    });
  });

  it('turns unreadable replies into messages the model can act on', () => {
    expect(() => parseAgentReply('I think you want revenue.')).toThrow(/not a JSON object/);
    expect(() => parseAgentReply('{"kind": "spec", "spec": {')).toThrow(/not valid JSON/);
    expect(() => parseAgentReply('{"kind": "chart"}')).toThrow(/reply format at kind/);
    expect(() =>
      parseAgentReply(
        JSON.stringify({ kind: 'spec', spec: { ...spec, measures: [{ id: '1bad', aggregation: 'sum' }] } }),
      ),
    ).toThrow(/The spec: The query spec is not valid at measures.0.id/);
  });
});
