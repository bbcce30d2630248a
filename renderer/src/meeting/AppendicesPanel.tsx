import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemDetail } from '../../../main/common/contract/api';
import type { ApiError } from '../../../main/common/contract/result';
import type { Appendix } from '../../../main/common/domain/model';
import { useApp } from '../appContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CheckboxField, SelectField, TextField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { MoveButtons, moveKeyHandler } from '../components/MoveButtons';
import { mergePatches } from '../save/saveQueue';
import { OpenAppendixButton } from '../share/OpenAppendixButton';
import { replaceById } from './records';

type Props = {
  meetingId: string;
  appendices: Appendix[];
  items: AgendaItemDetail[];
  setAppendices(change: (list: Appendix[]) => Appendix[]): void;
};

type AppendixPatch = Partial<
  Pick<Appendix, 'title' | 'documentNumber' | 'caseId' | 'isClosed' | 'itemId'>
>;

/** File sizes as people read them. */
function formatSize(bytes: number, language: string): string {
  const format = (value: number) => value.toLocaleString(language, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes / (1024 * 1024))} MB`;
}

/** The appendices (Bilag): numbered by order, with metadata, item and file. */
export function AppendicesPanel({ meetingId, appendices, items, setAppendices }: Props) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [toDelete, setToDelete] = useState<Appendix | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const patch = (appendix: Appendix, change: AppendixPatch, isSendable = true) => {
    setAppendices((list) => replaceById(list, appendix.id, (record) => ({ ...record, ...change })));
    if (!isSendable) return;
    queue.schedule(`appendix:${appendix.id}`, change, {
      merge: mergePatches,
      send: (merged) => client.call('appendices:update', { id: appendix.id, patch: merged }),
    });
  };

  const move = async (appendix: Appendix, toIndex: number) => {
    const result = await queue.run(() =>
      client.call('appendices:move', { id: appendix.id, position: toIndex }),
    );
    setError(result.ok ? null : result.error);
    if (result.ok) setAppendices(() => result.value);
  };

  const remove = async (appendix: Appendix) => {
    setToDelete(null);
    const result = await queue.run(() => client.call('appendices:delete', { id: appendix.id }));
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    // The numbers of the others change: take them from the library.
    const fresh = await client.call('meetings:get', { id: meetingId });
    if (fresh.ok) setAppendices(() => fresh.value.appendices);
    else setAppendices((list) => list.filter((record) => record.id !== appendix.id));
  };

  const sorted = [...appendices].sort((a, b) => a.number - b.number);

  return (
    <section className="panel" aria-labelledby="appendices-heading">
      <h2 id="appendices-heading">{t('appendices.heading')}</h2>
      <p className="hint">{t('common.reorderHint')}</p>
      {sorted.length === 0 && <p className="empty">{t('appendices.empty')}</p>}
      <ol className="record-list">
        {sorted.map((appendix, index) => (
          <li key={appendix.id} className="record">
            <fieldset
              onKeyDown={moveKeyHandler(index, sorted.length, (to) => void move(appendix, to))}
            >
              <legend>
                {t('appendices.legend', { number: appendix.number, title: appendix.title })}
              </legend>
              <div className="record__row">
                <TextField
                  label={t('appendices.title')}
                  value={appendix.title}
                  isRequired
                  maxLength={500}
                  className="field--wide"
                  error={appendix.title.trim() === '' ? t('validation.required') : null}
                  onChange={(title) => patch(appendix, { title }, title.trim() !== '')}
                />
                <TextField
                  label={t('common.documentNumber')}
                  value={appendix.documentNumber}
                  maxLength={100}
                  onChange={(documentNumber) => patch(appendix, { documentNumber })}
                />
                <TextField
                  label={t('common.caseId')}
                  value={appendix.caseId}
                  maxLength={100}
                  onChange={(caseId) => patch(appendix, { caseId })}
                />
                <SelectField<string>
                  label={t('appendices.item')}
                  value={appendix.itemId ?? ''}
                  onChange={(value) => patch(appendix, { itemId: value === '' ? null : value })}
                  options={[
                    { value: '', label: t('appendices.noItem') },
                    ...items.map((item) => ({
                      value: item.id,
                      label: t('agenda.itemLabel', { number: item.number, title: item.title }),
                    })),
                  ]}
                />
                <CheckboxField
                  label={t('appendices.isClosed')}
                  checked={appendix.isClosed}
                  onChange={(isClosed) => patch(appendix, { isClosed })}
                />
                <MoveButtons
                  rowId={appendix.id}
                  name={t('appendices.legend', { number: appendix.number, title: appendix.title })}
                  index={index}
                  count={sorted.length}
                  onMove={(to) => void move(appendix, to)}
                />
              </div>
              <AppendixFile
                appendix={appendix}
                onAttached={(updated) =>
                  setAppendices((list) => replaceById(list, updated.id, () => updated))
                }
              />
              <div className="button-row button-row--end">
                <button
                  type="button"
                  className="button--quiet"
                  onClick={() => setToDelete(appendix)}
                >
                  {t('appendices.delete', { number: appendix.number })}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <InlineError error={error} />
      <NewAppendixForm
        meetingId={meetingId}
        onCreated={(appendix) => setAppendices((list) => [...list, appendix])}
      />
      <ConfirmDialog
        message={
          toDelete
            ? t('appendices.confirmDelete', { number: toDelete.number, title: toDelete.title })
            : null
        }
        confirmLabel={t('common.delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          if (toDelete) void remove(toDelete);
        }}
      />
    </section>
  );
}

/** The appendix's file: browser mode uploads the chosen bytes; the app asks main to show its dialog. */
function AppendixFile({
  appendix,
  onAttached,
}: {
  appendix: Appendix;
  onAttached(appendix: Appendix): void;
}) {
  const { t, i18n } = useTranslation();
  const { client, queue } = useApp();
  const inputId = useId();
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);

  const finish = (result: Awaited<ReturnType<typeof client.call<'appendices:attachFile'>>>) => {
    setBusy(false);
    if (result.ok) {
      setError(null);
      onAttached(result.value);
    } else if (result.error.code !== 'cancelled') {
      setError(result.error);
    }
  };

  const upload = async (file: File) => {
    setBusy(true);
    const result = await queue.run(async () => {
      const uploaded = await client.upload(file);
      if (!uploaded.ok) return uploaded;
      return client.call('appendices:attachFile', {
        id: appendix.id,
        uploadId: uploaded.value.uploadId,
      });
    });
    finish(result);
  };

  const chooseInApp = async () => {
    setBusy(true);
    finish(await queue.run(() => client.call('appendices:attachFile', { id: appendix.id })));
  };

  const label = appendix.file
    ? t('appendices.replaceFile', { number: appendix.number })
    : t('appendices.attachFile', { number: appendix.number });
  return (
    <div className="appendix-file">
      <p className="appendix-file__current">
        {appendix.file
          ? t('appendices.fileInfo', {
              name: appendix.file.name,
              size: formatSize(appendix.file.size, i18n.language),
            })
          : t('appendices.noFile')}
      </p>
      <OpenAppendixButton appendix={appendix} />
      {client.isElectron ? (
        <button type="button" disabled={isBusy} onClick={() => void chooseInApp()}>
          {label}
        </button>
      ) : (
        <div className="field">
          <label htmlFor={inputId} className="field__label">
            {label}
          </label>
          <input
            id={inputId}
            type="file"
            disabled={isBusy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void upload(file);
            }}
          />
        </div>
      )}
      {isBusy && <span role="status">{t('appendices.uploading')}</span>}
      <InlineError error={error} />
    </div>
  );
}

function NewAppendixForm({
  meetingId,
  onCreated,
}: {
  meetingId: string;
  onCreated(appendix: Appendix): void;
}) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [title, setTitle] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [caseId, setCaseId] = useState('');
  const [titleError, setTitleError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') {
      setTitleError(t('validation.required'));
      return;
    }
    setTitleError(null);
    const result = await queue.run(() =>
      client.call('appendices:create', {
        meetingId,
        appendix: {
          title: title.trim(),
          documentNumber: documentNumber.trim(),
          caseId: caseId.trim(),
          isClosed: false,
          itemId: null,
        },
      }),
    );
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    onCreated(result.value);
    setTitle('');
    setDocumentNumber('');
    setCaseId('');
  };

  return (
    <form
      className="subform"
      aria-labelledby="new-appendix-heading"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h3 id="new-appendix-heading">{t('appendices.newHeading')}</h3>
      <div className="record__row">
        <TextField
          label={t('appendices.title')}
          value={title}
          onChange={setTitle}
          isRequired
          error={titleError}
          maxLength={500}
          className="field--wide"
        />
        <TextField
          label={t('common.documentNumber')}
          value={documentNumber}
          onChange={setDocumentNumber}
          maxLength={100}
        />
        <TextField label={t('common.caseId')} value={caseId} onChange={setCaseId} maxLength={100} />
        <button type="submit" className="button--primary">
          {t('appendices.add')}
        </button>
      </div>
      <InlineError error={error} />
    </form>
  );
}
