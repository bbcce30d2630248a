import { describe, expect, it } from 'vitest';
import type { ApiError, Result } from '../../common/contract/result';
import type { RendererClient } from '../../renderer/src/api/client';
import { uploadOrStop } from '../../renderer/src/api/upload';

function clientAnswering(answer: Result<{ uploadId: string }>): RendererClient {
  return { upload: async () => answer } as unknown as RendererClient;
}

const file = new File(['%PDF'], 'a.pdf');

describe('uploadOrStop (a form uploading a chosen file)', () => {
  it('answers the upload id and does not stop the form', async () => {
    const stopped: ApiError[] = [];
    const client = clientAnswering({ ok: true, value: { uploadId: 'u1' } });
    expect(await uploadOrStop(client, file, (error) => stopped.push(error))).toBe('u1');
    expect(stopped).toEqual([]);
  });

  it('stops the form with the upload error and answers null', async () => {
    const stopped: ApiError[] = [];
    const error: ApiError = { code: 'too_large', message: 'Filen er for stor.' };
    const client = clientAnswering({ ok: false, error });
    expect(await uploadOrStop(client, file, (failed) => stopped.push(failed))).toBeNull();
    expect(stopped).toEqual([error]);
  });
});
