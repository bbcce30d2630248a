/**
 * Per-item presence from an agenda item's heading: the "Tilstedeværelse" button opens a dialog
 * that shows who took part in this item (from the participants' arrivals, departures and item
 * absences, common/domain/presence) and records, for this item, that a member left or arrived
 * (with the time, when given) or did not take part (inhabil, or another reason). It writes
 * through `participants:update`, the same request as the attendance form, so the attendance
 * lines of the document and the PDF follow at once (their wording: common/wording).
 *
 * A native modal <dialog>, portalled out of the document (keys typed in it never reach the
 * document's handlers): focus moves into it, Escape closes it and the focus returns to the
 * button. Approved minutes show the presence without the form.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../common/contract/result';
import type { Participant } from '../../../common/domain/model';
import {
  itemPresence,
  withItemPresence,
  type ItemPresence as Presence,
  type ItemPresenceRecord,
} from '../../../common/domain/presence';
import { itemAbsencePhrase, presenceChangeText } from '../../../common/wording/minutes';
import { personName } from '../../../common/wording/people';
import type { Lang } from '../../../common/wording/words';
import { useApp } from '../appContext';
import { TimeInputField } from '../components/DateTimeFields';
import { SelectField, TextField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { EditorDialog } from './views/EditorDialog';

/** The agenda order the presence is derived from: id, printed number and position of each item. */
export type ItemOrder = readonly { id: string; number: number; position: number }[];

type Props = {
  item: { id: string; number: number; title: string };
  itemOrder: ItemOrder;
  participants: readonly Participant[];
  setParticipants(change: (list: Participant[]) => Participant[]): void;
  isLocked: boolean;
};

const recordKinds = ['left', 'arrived', 'disqualified', 'not_participating'] as const;
type RecordKind = (typeof recordKinds)[number];

/** The button on the item's heading; the dialog is built only while open. */
export function ItemPresenceButton(props: Props) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button--quiet meeting-document__presence-button"
        aria-haspopup="dialog"
        aria-label={t('editor.presence.open', { number: props.item.number })}
        onClick={() => setOpen(true)}
      >
        {t('editor.presence.button')}
      </button>
      {isOpen && <ItemPresenceDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

function ItemPresenceDialog({
  item,
  itemOrder,
  participants,
  setParticipants,
  isLocked,
  onClose,
}: Props & { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'da';
  const { client, queue } = useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');

  const presence = useMemo(
    () => itemPresence(participants, itemOrder, item.id),
    [participants, itemOrder, item.id],
  );
  const byId = useMemo(() => new Map(participants.map((p) => [p.id, p])), [participants]);
  const present = presence.flatMap((entry) => {
    const participant = byId.get(entry.participantId);
    return participant ? [participant] : [];
  });

  const [memberId, setMemberId] = useState(present[0]?.id ?? '');
  const [kind, setKind] = useState<RecordKind>('left');
  const [time, setTime] = useState('');
  const [reason, setReason] = useState('');
  const isChange = kind === 'left' || kind === 'arrived';

  const write = async (participant: Participant, record: ItemPresenceRecord | null) => {
    const patch = withItemPresence(participant, item.id, record, itemOrder);
    const result = await queue.run(() =>
      client.call('participants:update', { id: participant.id, patch }),
    );
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setError(null);
    setParticipants((list) =>
      list.map((record) => (record.id === result.value.id ? result.value : record)),
    );
    return true;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const participant = byId.get(memberId);
    if (!participant) return;
    const record: ItemPresenceRecord = isChange
      ? { kind, time: time === '' ? null : time }
      : { kind, reason };
    if (await write(participant, record)) {
      setStatus(t('editor.presence.recorded', { name: participant.name }));
      setTime('');
      setReason('');
    }
  };

  const stateText = (entry: Presence): string => {
    if (entry.change) return presenceChangeText({ ...entry.change, itemNumber: item.number }, lang);
    if (entry.absence) return itemAbsencePhrase(entry.absence, item.number, lang);
    return t(`editor.presence.states.${entry.state}`);
  };

  return (
    <EditorDialog
      title={t('editor.presence.title', { number: item.number, title: item.title })}
      className="item-presence-dialog"
      isFocusReturned
      closeLabel={t('editor.presence.close')}
      onCancel={onClose}
    >
      {presence.length === 0 ? (
        <p className="empty">{t('editor.presence.noOnePresent')}</p>
      ) : (
        <ul className="item-presence-dialog__list" aria-label={t('editor.presence.listLabel')}>
          {presence.map((entry) => {
            const participant = byId.get(entry.participantId);
            if (!participant) return null;
            const name = personName(participant, lang);
            const isRecordedHere = entry.change !== null || entry.absence !== null;
            return (
              <li key={entry.participantId} className={`item-presence--${entry.state}`}>
                <span>
                  {name}: {stateText(entry)}
                </span>
                {isRecordedHere && !isLocked && (
                  <button
                    type="button"
                    className="button--quiet"
                    onClick={() => {
                      void write(participant, null).then((isDone) => {
                        if (isDone)
                          setStatus(t('editor.presence.removed', { name: participant.name }));
                      });
                    }}
                  >
                    {t('editor.presence.remove', { name: participant.name })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!isLocked && present.length > 0 && (
        <form
          className="item-presence-dialog__form"
          aria-label={t('editor.presence.formLabel')}
          onSubmit={(event) => void submit(event)}
        >
          <SelectField<string>
            label={t('editor.presence.member')}
            value={memberId}
            onChange={setMemberId}
            options={present.map((p) => ({ value: p.id, label: personName(p, lang) }))}
          />
          <SelectField<RecordKind>
            label={t('editor.presence.kind')}
            value={kind}
            onChange={setKind}
            options={recordKinds.map((value) => ({
              value,
              label: t(`editor.presence.kinds.${value}`),
            }))}
          />
          {isChange ? (
            <TimeInputField
              label={t('editor.presence.time')}
              hint={t('editor.presence.timeHint')}
              value={time}
              onChange={setTime}
            />
          ) : (
            <TextField
              label={t('editor.presence.reason')}
              value={reason}
              maxLength={1000}
              onChange={setReason}
            />
          )}
          <button type="submit">{t('editor.presence.record')}</button>
        </form>
      )}
      <p className="hint" role="status">
        {status}
      </p>
      <InlineError error={error} />
    </EditorDialog>
  );
}
