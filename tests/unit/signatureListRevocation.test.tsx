// @vitest-environment happy-dom
/**
 * The verify panel shows what revocation data embedded in a PDF says (PAdES B-LT), in Danish and
 * English: "Ikke spærret ifølge spærreliste (CRL) af …" for a covered signature, the revoked
 * status with the date, and "not checked" only while some signature has no such data.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { RequestOutput } from '../../common/contract/api';
import da from '../../renderer/src/i18n/da.json';
import en from '../../renderer/src/i18n/en.json';
import { SignatureList } from '../../renderer/src/lifecycle/SignatureList';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { da: { translation: da }, en: { translation: en } },
    lng: 'da',
    interpolation: { escapeValue: false },
  });
});

type Report = RequestOutput<'signatures:verify'>;
type Signature = Report['signatures'][number];

const signature = (over: Partial<Signature>): Signature => ({
  field: 'Signature1',
  signer: 'Kristine Kryger',
  signedAt: '2017-12-13T09:00:00.000Z',
  reason: 'Referatet er godkendt',
  location: null,
  status: 'valid',
  detail: null,
  coversWholeFile: true,
  certificate: null,
  isCertificateValidAtSigning: true,
  isCertificateValidNow: true,
  isRevocationChecked: false,
  ...over,
});

let root: Root | undefined;
let host: HTMLElement;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

async function render(report: Report, lang: 'da' | 'en'): Promise<string> {
  await i18next.changeLanguage(lang);
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root?.render(<SignatureList report={report} />));
  return host.textContent ?? '';
}

describe('SignatureList with revocation data', () => {
  it('a covered signature: "Ikke spærret ifølge spærreliste (CRL) af …", and no "not checked" line', async () => {
    const text = await render(
      {
        fileName: 'referat.pdf',
        isAllValid: true,
        signatures: [
          signature({
            isRevocationChecked: true,
            detail: 'not revoked per CRL of 2017-12-14T08:00:00Z',
            revocation: {
              source: 'crl',
              state: 'good',
              issuedAt: '2017-12-14T08:00:00.000Z',
              revokedAt: null,
              certificate: 'Kristine Kryger',
            },
          }),
        ],
      },
      'da',
    );
    expect(text).toContain('Ikke spærret ifølge spærreliste (CRL) af 14. december 2017');
    expect(text).not.toContain('er ikke kontrolleret');
  });

  it('a revoked certificate: the status and the date, in English; without data "not checked" stays', async () => {
    const text = await render(
      {
        fileName: 'minutes.pdf',
        isAllValid: false,
        signatures: [
          signature({
            field: 'Signature1',
            coversWholeFile: false,
          }),
          signature({
            field: 'Signature2',
            signer: 'Carl',
            status: 'revoked',
            isRevocationChecked: true,
            revocation: {
              source: 'ocsp',
              state: 'revoked',
              issuedAt: '2018-01-03T08:00:00.000Z',
              revokedAt: '2018-01-02T12:00:00.000Z',
              certificate: 'Carl',
            },
          }),
        ],
      },
      'en',
    );
    expect(text).toContain('revoked certificate');
    expect(text).toMatch(/Carl was revoked on .*2 January 2018.* per OCSP response of /);
    expect(text).toContain('Revocation of the certificates (OCSP/CRL) was not checked.');
  });

  it('a DSS added after the last signature: "dækker hele filen på nær spærredata"', async () => {
    const text = await render(
      {
        fileName: 'referat.pdf',
        isAllValid: true,
        isOnlyDssAfterLast: true,
        signatures: [signature({ coversWholeFile: false })],
      },
      'da',
    );
    expect(text).toContain('dækker hele filen på nær spærredata');
    expect(text).not.toContain('dækker ikke hele filen');
  });
});
