/**
 * Trusted root certificates for signature verification (library settings): add the PEM of a
 * root such as the OCES or MitID Erhverv root (pasted or read from a chosen file), list, remove.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrustedRoot } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import { useApp } from '../appContext';
import { FilePickerField } from '../components/FilePickerField';
import { TextAreaField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { Section } from '../components/Section';

export function TrustedRootsPanel() {
  const { t } = useTranslation();
  const { client } = useApp();
  const [roots, setRoots] = useState<TrustedRoot[]>([]);
  const [pem, setPem] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    const result = await client.call('trustedRoots:list', {});
    if (result.ok) setRoots(result.value);
    else setError(result.error);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const answer = (result: Awaited<ReturnType<typeof client.call<'trustedRoots:add'>>>) => {
    if (result.ok) {
      setRoots(result.value);
      setError(null);
      return true;
    }
    setError(result.error);
    return false;
  };

  return (
    <Section className="panel lifecycle" heading={t('lifecycle.roots.heading')}>
      <p className="hint">{t('lifecycle.roots.hint')}</p>
      {roots.length === 0 ? (
        <p className="empty">{t('lifecycle.roots.empty')}</p>
      ) : (
        <ul className="record-list">
          {roots.map((root) => (
            <li key={root.fingerprint256} className="record">
              <p>
                <strong>{root.subject.replace(/\n/g, ', ')}</strong>
              </p>
              <p className="hint">
                {t('lifecycle.roots.valid', { from: root.validFrom, to: root.validTo })}
                <br />
                <code className="lifecycle__sha">{root.fingerprint256}</code>
              </p>
              <button
                type="button"
                className="button--quiet"
                aria-label={t('lifecycle.roots.removeNamed', {
                  subject: root.subject.replace(/\n/g, ', '),
                })}
                onClick={() =>
                  void client
                    .call('trustedRoots:remove', { fingerprint256: root.fingerprint256 })
                    .then(answer)
                }
              >
                {t('lifecycle.roots.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="lifecycle__form"
        aria-label={t('lifecycle.roots.add')}
        onSubmit={(event) => {
          event.preventDefault();
          void client.call('trustedRoots:add', { pem }).then((result) => {
            if (answer(result)) setPem('');
          });
        }}
      >
        <FilePickerField
          label={t('lifecycle.roots.file')}
          accept=".pem,.crt,.cer,application/x-pem-file"
          onFile={(file) => {
            if (file) void file.text().then(setPem);
          }}
        />
        <TextAreaField label={t('lifecycle.roots.pem')} value={pem} rows={5} onChange={setPem} />
        <div className="button-row">
          <button type="submit" disabled={pem.trim() === ''}>
            {t('lifecycle.roots.add')}
          </button>
        </div>
      </form>
      <InlineError error={error} />
    </Section>
  );
}
