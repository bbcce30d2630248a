import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueTexts } from '../../common/contract/issueText';
import { errorDetail } from '../../renderer/src/components/errorText';

describe('invalid input in the UI language', () => {
  it('names each field in Danish for the Danish UI and in English otherwise, never the raw library text', () => {
    const schema = z.object({
      number: z.number().int(),
      text: z.string().max(5),
      title: z.string().min(1),
    });
    const parsed = schema.safeParse({ number: 1.5, text: 'for lang', title: '' });
    if (parsed.success) throw new Error('expected invalid input');
    const error = {
      code: 'invalid_input' as const,
      message: 'Invalid input',
      issues: issueTexts(parsed.error.issues, 'patch'),
    };
    expect(errorDetail(error, 'da')).toBe(
      'patch.number: skal være et helt tal; patch.text: må højst have 5 tegn; patch.title: må ikke være tom',
    );
    expect(errorDetail(error, 'en')).toBe(
      'patch.number: must be a whole number; patch.text: must have at most 5 characters; patch.title: must not be empty',
    );
    expect(errorDetail({ code: 'conflict', message: 'Gemt af en anden.' }, 'da')).toBe(
      'Gemt af en anden.',
    );
  });
});
