import type { ApiError } from '../../../common/contract/result';

/**
 * What an error answer says, in the UI's language: invalid input lists each problem with its
 * field in Danish or English (the main process sends both); other errors keep their message.
 */
export function errorDetail(error: ApiError, language: string): string {
  if (!error.issues || error.issues.length === 0) return error.message;
  const isDanish = !language.startsWith('en');
  return error.issues.map((issue) => `${issue.path}: ${isDanish ? issue.da : issue.en}`).join('; ');
}
