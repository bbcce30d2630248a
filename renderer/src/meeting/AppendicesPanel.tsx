import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemDetail } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import type { Appendix } from '../../../common/domain/model';
import { useApp } from '../appContext';
import { FilePickerField } from '../components/FilePickerField';
import { ConfirmDelete } from '../components/ConfirmDialog';
import { CheckboxField, RequiredTextField, SelectField, TextField } from '../components/fields';
import { isRecordMountedAtOnce, LazyRecord, selectRowWeight } from '../components/LazyRecord';
import { InlineError } from '../components/LoadState';
import { moveKeyHandler } from '../components/MoveButtons';
import { NewRecordForm } from '../components/NewRecordForm';
import { RowControls } from '../components/RowControls';
import { useLatest } from '../components/useLatest';
import { useRecordPatch } from '../components/useRecordPatch';
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

type ItemOption = { value: string; label: string };

/** What a row may do; stable across renders, so an unchanged row is not rendered again. */
type RowActions = {
  patch(appendix: Appendix, change: AppendixPatch, isSendable?: boolean): void;
  move(appendix: Appendix, toIndex: number): void;
  askDelete(appendix: Appendix): void;
  replace(appendix: Appendix): void;
};

/** The appendices (Bilag): numbered by order, with metadata, item and file. */
export function AppendicesPanel({ meetingId, appendices, items, setAppendices }: Props) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [toDelete, setToDelete] = useState<Appendix | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const patch = useRecordPatch<Appendix, AppendixPatch>('appendix', setAppendices, (id, change) =>
    client.call('appendices:update', { id, patch: change }),
  );

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

  // The rows call the latest handlers through one stable object.
  const latest = useLatest({ patch, move, setAppendices });
  const actions = useMemo<RowActions>(
    () => ({
      patch: (appendix, change, isSendable) => latest.current.patch(appendix, change, isSendable),
      move: (appendix, toIndex) => void latest.current.move(appendix, toIndex),
      askDelete: setToDelete,
      replace: (updated) =>
        latest.current.setAppendices((list) => replaceById(list, updated.id, () => updated)),
    }),
    [latest],
  );

  // One option list for every row's item select, kept while the items' numbers and titles stay
  // the same (body edits change `items` too): 60 items × 40 appendices would otherwise be 2,400
  // options rendered again on every keystroke. The key holds no translated text, so a keystroke
  // in a 1,000-item meeting does not translate 1,000 labels to compare them.
  const itemsKey = JSON.stringify(items.map((item) => [item.id, item.number, item.title]));
  const itemOptions = useMemo(
    () => [
      { value: '', label: t('appendices.noItem') },
      ...(JSON.parse(itemsKey) as Array<[string, number, string]>).map(([id, number, title]) => ({
        value: id,
        label: t('agenda.itemLabel', { number, title }),
      })),
    ],
    [itemsKey, t],
  );

  const sorted = [...appendices].sort(
    (a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER),
  );
  // Each row's item select lists every agenda item: with a long agenda the rows render near
  // the viewport only.
  const rowWeight = selectRowWeight(itemOptions.length);
  const showLabel = t('common.showFields');

  return (
    <section className="panel" aria-labelledby="appendices-heading">
      <h2 id="appendices-heading">{t('appendices.heading')}</h2>
      <p className="hint">{t('common.reorderHint')}</p>
      {sorted.length === 0 && <p className="empty">{t('appendices.empty')}</p>}
      <ol className="record-list">
        {sorted.map((appendix, index) => (
          <AppendixRow
            key={appendix.id}
            appendix={appendix}
            index={index}
            count={sorted.length}
            isInitiallyMounted={isRecordMountedAtOnce(index, sorted.length, rowWeight)}
            showLabel={showLabel}
            itemOptions={itemOptions}
            actions={actions}
          />
        ))}
      </ol>
      <InlineError error={error} />
      <NewRecordForm
        headingId="new-appendix-heading"
        heading={t('appendices.newHeading')}
        submitLabel={t('appendices.add')}
        blank={{ title: '', documentNumber: '', caseId: '' }}
        required={{
          key: 'title',
          label: t('appendices.title'),
          maxLength: 500,
          className: 'field--wide',
        }}
        create={(draft) =>
          client.call('appendices:create', {
            meetingId,
            appendix: {
              title: draft.title.trim(),
              documentNumber: draft.documentNumber.trim(),
              caseId: draft.caseId.trim(),
              isClosed: false,
              itemId: null,
            },
          })
        }
        onCreated={(appendix) => setAppendices((list) => [...list, appendix])}
      >
        {(draft, change) => (
          <>
            <TextField
              label={t('common.documentNumber')}
              value={draft.documentNumber}
              onChange={(documentNumber) => change({ documentNumber })}
              maxLength={100}
            />
            <TextField
              label={t('common.caseId')}
              value={draft.caseId}
              onChange={(caseId) => change({ caseId })}
              maxLength={100}
            />
          </>
        )}
      </NewRecordForm>
      <ConfirmDelete
        pending={toDelete}
        message={(pending) =>
          t('appendices.confirmDelete', { number: pending.number, title: pending.title })
        }
        onCancel={() => setToDelete(null)}
        onConfirm={(pending) => void remove(pending)}
      />
    </section>
  );
}

/**
 * One appendix: rendered again only when it, its place or the item list changes; a light
 * stand-in with its number and title until it comes near the viewport (long lists only).
 */
const AppendixRow = memo(function AppendixRow({
  appendix,
  index,
  count,
  isInitiallyMounted,
  showLabel,
  itemOptions,
  actions,
}: {
  appendix: Appendix;
  index: number;
  count: number;
  isInitiallyMounted: boolean;
  showLabel: string;
  itemOptions: readonly ItemOption[];
  actions: RowActions;
}) {
  const { t } = useTranslation();
  const name = t('appendices.legend', { number: appendix.number, title: appendix.title });
  const nameId = `appendix-name-${appendix.id}`;
  return (
    <LazyRecord
      className="record"
      isInitiallyMounted={isInitiallyMounted}
      showLabel={showLabel}
      nameId={nameId}
      placeholder={(showButton) => (
        <div className="record__row">
          <p id={nameId}>{name}</p>
          {showButton}
        </div>
      )}
    >
      <fieldset onKeyDown={moveKeyHandler(index, count, (to) => actions.move(appendix, to))}>
        <legend>{name}</legend>
        <div className="record__row">
          <RequiredTextField
            label={t('appendices.title')}
            value={appendix.title}
            maxLength={500}
            className="field--wide"
            onChange={(title, isValid) => actions.patch(appendix, { title }, isValid)}
          />
          <TextField
            label={t('common.documentNumber')}
            value={appendix.documentNumber}
            maxLength={100}
            onChange={(documentNumber) => actions.patch(appendix, { documentNumber })}
          />
          <TextField
            label={t('common.caseId')}
            value={appendix.caseId}
            maxLength={100}
            onChange={(caseId) => actions.patch(appendix, { caseId })}
          />
          <SelectField<string>
            label={t('appendices.item')}
            value={appendix.itemId ?? ''}
            onChange={(value) => actions.patch(appendix, { itemId: value === '' ? null : value })}
            options={itemOptions}
          />
          <CheckboxField
            label={t('appendices.isClosed')}
            checked={appendix.isClosed}
            onChange={(isClosed) => actions.patch(appendix, { isClosed })}
          />
          <RowControls
            rowId={appendix.id}
            name={name}
            index={index}
            count={count}
            onMove={(to) => actions.move(appendix, to)}
            deleteLabel={t('appendices.delete', { number: appendix.number })}
            onDelete={() => actions.askDelete(appendix)}
          />
        </div>
        <AppendixFile appendix={appendix} onAttached={actions.replace} />
      </fieldset>
    </LazyRecord>
  );
});

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
        <FilePickerField
          label={label}
          isDisabled={isBusy}
          isNameShown={false}
          onFile={(file) => {
            if (file) void upload(file);
          }}
        />
      )}
      {isBusy && <span role="status">{t('appendices.uploading')}</span>}
      <InlineError error={error} />
    </div>
  );
}
