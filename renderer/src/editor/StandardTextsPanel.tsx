/**
 * The committee's standard decision texts in its settings: one text per line, saved with a
 * button (a list is replaced as a whole), and a way back to the built-in list.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../appContext';
import { TextAreaField } from '../components/fields';
import { Section } from '../components/Section';

export function StandardTextsPanel({ committeeId }: { committeeId: string }) {
  const { t } = useTranslation();
  const { client } = useApp();
  const [text, setText] = useState<string | null>(null);
  const [isDefault, setDefault] = useState(true);
  const [message, setMessage] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);

  useEffect(() => {
    let isCurrent = true;
    void client.call('standardTexts:get', { committeeId }).then((result) => {
      if (!isCurrent) return;
      if (result.ok) {
        setText(result.value.texts.join('\n'));
        setDefault(result.value.isDefault);
      } else setMessage({ kind: 'error', text: result.error.message });
    });
    return () => {
      isCurrent = false;
    };
  }, [client, committeeId]);

  const save = async (texts: string[]) => {
    const result = await client.call('standardTexts:save', { committeeId, texts });
    if (result.ok) {
      setText(result.value.texts.join('\n'));
      setDefault(result.value.isDefault);
      setMessage({ kind: 'saved', text: t('editor.standardTexts.saved') });
    } else setMessage({ kind: 'error', text: result.error.message });
  };

  return (
    <Section className="panel" heading={t('editor.standardTexts.heading')}>
      {text === null ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <TextAreaField
            label={t('editor.standardTexts.label')}
            hint={
              isDefault ? t('editor.standardTexts.defaultHint') : t('editor.standardTexts.hint')
            }
            value={text}
            rows={Math.min(12, Math.max(4, text.split('\n').length + 1))}
            error={message?.kind === 'error' ? message.text : null}
            onChange={(next) => {
              setText(next);
              setMessage(null);
            }}
          />
          <div className="button-row">
            <button
              type="button"
              className="button--primary"
              onClick={() =>
                void save(
                  text
                    .split('\n')
                    .map((line) => line.trim())
                    .filter(Boolean),
                )
              }
            >
              {t('editor.standardTexts.save')}
            </button>
            {!isDefault && (
              <button type="button" onClick={() => void save([])}>
                {t('editor.standardTexts.reset')}
              </button>
            )}
          </div>
          {message?.kind === 'saved' && (
            <p role="status" className="notice">
              {message.text}
            </p>
          )}
        </>
      )}
    </Section>
  );
}
