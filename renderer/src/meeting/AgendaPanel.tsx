import { Fragment, memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemDetail, RequestOutput } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import {
  itemKinds,
  type AgendaItem,
  type Body,
  type ItemBodyField,
  type ItemKind,
  type Meeting,
} from '../../../common/domain/model';
import type { MinutesProfile } from '../../../common/domain/profiles';
import { useApp } from '../appContext';
import { ConfirmDelete } from '../components/ConfirmDialog';
import { NumberField, RequiredTextField, SelectField, TextField } from '../components/fields';
import { isRecordMountedAtOnce, LazyRecord } from '../components/LazyRecord';
import { InlineError } from '../components/LoadState';
import { moveKeyHandler } from '../components/MoveButtons';
import { NewRecordForm } from '../components/NewRecordForm';
import { RowControls } from '../components/RowControls';
import { useLatest } from '../components/useLatest';
import { useRecordPatch } from '../components/useRecordPatch';
import { PreviousDecisionsOffer } from '../search/PreviousDecisionsOffer';
import { BodyField } from '../editor/BodyField';
import { fieldLabel, itemBodySlots } from '../editor/itemBodyOrder';
import { emptyBody } from '../../../common/domain/model';
import { replaceById } from './records';
import { Badge } from '../components/Badge';

type Props = {
  meeting: Meeting;
  /** The meeting's minutes profile: each item's bodies follow its sections and labels. */
  profile: MinutesProfile;
  items: AgendaItemDetail[];
  setItems(change: (list: AgendaItemDetail[]) => AgendaItemDetail[]): void;
  /**
   * False beside the meeting document, which edits the bodies (two editors of one body would
   * save over each other): the rows show the item's fields and the earlier-decisions offer only.
   */
  hasBodies?: boolean;
  /** An item's bodies were replaced in the library (earlier decisions inserted): reload them. */
  onBodiesReplaced?(itemId: string): void;
};

type ItemPatch = Partial<Omit<AgendaItem, 'id' | 'meetingId' | 'position'>>;

/** A pending delete: first the ordinary question, then the decision-loss question if the library asks. */
type DeleteState = { item: AgendaItemDetail; isDecisionLoss: boolean };

/** What a row may do; stable across renders, so an unchanged row is not rendered again. */
type RowActions = {
  patch(item: AgendaItemDetail, change: ItemPatch, isSendable?: boolean): void;
  move(item: AgendaItemDetail, toIndex: number): void;
  askDelete(item: AgendaItemDetail): void;
  saveBody(itemId: string, field: ItemBodyField, body: Body): void;
  insertPrevious(itemId: string, inserted: RequestOutput<'decisions:insertPrevious'>): void;
};

/** The agenda: items with their fields and bodies; add, reorder, rename, delete. */
export function AgendaPanel({
  meeting,
  profile,
  items,
  setItems,
  hasBodies = true,
  onBodiesReplaced,
}: Props) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [toDelete, setToDelete] = useState<DeleteState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Bumped when earlier decisions were inserted into an item's body: its editor reloads.
  const [insertGenerations, setInsertGenerations] = useState<Record<string, number>>({});

  const patch = useRecordPatch<AgendaItemDetail, ItemPatch>('item', setItems, (id, change) =>
    client.call('items:update', { id, patch: change }),
  );

  const move = async (item: AgendaItemDetail, toIndex: number) => {
    const result = await queue.run(() =>
      client.call('items:move', { id: item.id, position: toIndex }),
    );
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setItems((list) => {
      const byId = new Map(list.map((record) => [record.id, record]));
      return result.value.map((record) => ({
        ...record,
        bodies: byId.get(record.id)?.bodies ?? ({} as AgendaItemDetail['bodies']),
      }));
    });
  };

  const remove = async ({ item, isDecisionLoss }: DeleteState) => {
    setToDelete(null);
    const result = await queue.run(() =>
      client.call(
        'items:delete',
        isDecisionLoss ? { id: item.id, isDecisionLossConfirmed: true } : { id: item.id },
      ),
    );
    if (!result.ok) {
      // The library refuses to drop a written decision silently: ask once more, naming the loss.
      if (result.error.code === 'conflict' && !isDecisionLoss)
        setToDelete({ item, isDecisionLoss: true });
      else setError(result.error);
      return;
    }
    setError(null);
    setItems((list) => list.filter((record) => record.id !== item.id));
  };

  // The rows call the latest handlers through one stable object, so a row renders again only
  // when its own item or place changes (a body save would otherwise render all 1,000 forms).
  const latest = useLatest({ patch, move, setItems, onBodiesReplaced });
  const actions = useMemo<RowActions>(
    () => ({
      patch: (item, change, isSendable) => latest.current.patch(item, change, isSendable),
      move: (item, toIndex) => void latest.current.move(item, toIndex),
      askDelete: (item) => setToDelete({ item, isDecisionLoss: false }),
      saveBody: (itemId, field, body) =>
        latest.current.setItems((list) =>
          replaceById(list, itemId, (record) => ({
            ...record,
            bodies: { ...record.bodies, [field]: body },
          })),
        ),
      insertPrevious: (itemId, inserted) => {
        latest.current.setItems((list) =>
          replaceById(list, itemId, (record) => ({
            ...record,
            bodies: {
              ...record.bodies,
              previousDecisions: {
                content: inserted.content,
                revision: inserted.revision,
                updatedAt: inserted.updatedAt,
                updatedBy: record.bodies.previousDecisions?.updatedBy ?? '',
              },
            },
          })),
        );
        setInsertGenerations((current) => ({
          ...current,
          [itemId]: (current[itemId] ?? 0) + 1,
        }));
        latest.current.onBodiesReplaced?.(itemId);
      },
    }),
    [latest],
  );

  const showLabel = t('common.showFields');

  return (
    <section className="panel" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('agenda.heading')}</h2>
      <p className="hint">{t('common.reorderHint')}</p>
      {items.length === 0 && <p className="empty">{t('agenda.empty')}</p>}
      <ol className="record-list agenda">
        {items.map((item, index) => (
          <AgendaItemRow
            key={item.id}
            item={item}
            index={index}
            count={items.length}
            profile={profile}
            insertGeneration={insertGenerations[item.id] ?? 0}
            hasBodies={hasBodies}
            showLabel={showLabel}
            actions={actions}
          />
        ))}
      </ol>
      <InlineError error={error} />
      <NewRecordForm
        headingId="new-item-heading"
        heading={t('agenda.newHeading')}
        submitLabel={t('agenda.add')}
        blank={{ title: '', presenter: '' }}
        required={{
          key: 'title',
          label: t('agenda.title'),
          maxLength: 500,
          className: 'field--wide',
        }}
        create={(draft) =>
          client.call('items:create', {
            meetingId: meeting.id,
            item: {
              title: draft.title.trim(),
              isClosed: false,
              publicTitle: '',
              caseId: '',
              documentNumber: '',
              presenter: draft.presenter.trim(),
              kind: 'decision',
            },
          })
        }
        onCreated={(item) => setItems((list) => [...list, item])}
      >
        {(draft, change) => (
          <TextField
            label={t('agenda.presenter')}
            value={draft.presenter}
            onChange={(presenter) => change({ presenter })}
            maxLength={300}
          />
        )}
      </NewRecordForm>
      <ConfirmDelete
        pending={toDelete}
        message={(pending) =>
          t(pending.isDecisionLoss ? 'agenda.confirmDeleteDecision' : 'agenda.confirmDelete', {
            title: pending.item.title,
          })
        }
        onCancel={() => setToDelete(null)}
        onConfirm={(pending) => void remove(pending)}
      />
    </section>
  );
}

/**
 * One agenda item. Memoized, and rendered as a light stand-in (number and title) until it comes
 * near the viewport: a 1,000-item agenda builds a handful of forms when it opens, not 1,000.
 */
const AgendaItemRow = memo(function AgendaItemRow({
  item,
  index,
  count,
  profile,
  insertGeneration,
  hasBodies,
  showLabel,
  actions,
}: {
  item: AgendaItemDetail;
  index: number;
  count: number;
  profile: MinutesProfile;
  insertGeneration: number;
  hasBodies: boolean;
  showLabel: string;
  actions: RowActions;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const headingId = `item-heading-${item.id}`;
  const heading = (
    <h3 id={headingId}>
      {t('agenda.itemLabel', { number: item.number, title: item.title })}
      {item.isClosed && <Badge>{t('meeting.closed')}</Badge>}
    </h3>
  );
  return (
    <LazyRecord
      className="record agenda-item"
      isInitiallyMounted={isRecordMountedAtOnce(index, count)}
      showLabel={showLabel}
      nameId={headingId}
      placeholder={(showButton) => (
        <section aria-labelledby={headingId}>
          <div className="agenda-item__head">{heading}</div>
          {showButton}
        </section>
      )}
    >
      <section
        aria-labelledby={headingId}
        onKeyDown={moveKeyHandler(index, count, (to) => actions.move(item, to))}
      >
        <div className="agenda-item__head">
          {heading}
          <RowControls
            rowId={item.id}
            name={item.title}
            index={index}
            count={count}
            onMove={(to) => actions.move(item, to)}
            deleteLabel={t('agenda.delete', { title: item.title })}
            onDelete={() => actions.askDelete(item)}
          />
        </div>
        <div className="field-grid">
          <NumberField
            label={t('agenda.number')}
            value={item.number}
            min={0}
            max={100000}
            onChange={(number) => actions.patch(item, { number })}
            className="field--narrow"
          />
          <RequiredTextField
            label={t('agenda.title')}
            value={item.title}
            maxLength={500}
            className="field--wide"
            onChange={(title, isValid) => actions.patch(item, { title }, isValid)}
          />
          <SelectField<ItemKind>
            label={t('agenda.kind')}
            value={item.kind}
            onChange={(kind) => actions.patch(item, { kind })}
            options={itemKinds.map((value) => ({ value, label: t(`itemKinds.${value}`) }))}
          />
          <SelectField<'open' | 'closed'>
            label={t('meeting.access')}
            value={item.isClosed ? 'closed' : 'open'}
            onChange={(value) => actions.patch(item, { isClosed: value === 'closed' })}
            options={[
              { value: 'open', label: t('meeting.open') },
              { value: 'closed', label: t('meeting.closed') },
            ]}
          />
          {item.isClosed && (
            <TextField
              label={t('agenda.publicTitle')}
              hint={t('agenda.publicTitleHint')}
              value={item.publicTitle}
              maxLength={500}
              className="field--wide"
              onChange={(publicTitle) => actions.patch(item, { publicTitle })}
            />
          )}
          <TextField
            label={t('common.caseId')}
            value={item.caseId}
            maxLength={100}
            onChange={(caseId) => actions.patch(item, { caseId })}
          />
          <TextField
            label={t('common.documentNumber')}
            value={item.documentNumber}
            maxLength={100}
            onChange={(documentNumber) => actions.patch(item, { documentNumber })}
          />
          <TextField
            label={t('agenda.presenter')}
            value={item.presenter}
            maxLength={300}
            onChange={(presenter) => actions.patch(item, { presenter })}
          />
        </div>
        <div className="agenda-item__bodies">
          {itemBodySlots(profile, item).map(({ field, label }) => (
            <Fragment key={field}>
              {hasBodies && (
                <BodyField
                  key={`${field}-${insertGeneration}`}
                  label={fieldLabel(label, lang)}
                  owner={{ kind: 'item', itemId: item.id, field }}
                  body={item.bodies[field] ?? emptyBody()}
                  onSaved={(body) => actions.saveBody(item.id, field, body)}
                />
              )}
              {field === 'previousDecisions' && (
                <PreviousDecisionsOffer
                  itemId={item.id}
                  caseId={item.caseId}
                  revision={item.bodies.previousDecisions?.revision ?? 0}
                  onInserted={(inserted) => actions.insertPrevious(item.id, inserted)}
                />
              )}
            </Fragment>
          ))}
        </div>
      </section>
    </LazyRecord>
  );
});
