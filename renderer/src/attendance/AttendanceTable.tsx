/**
 * The attendance of a meeting as one compact table: a row per participant with name, party,
 * role, fremmøde (til stede, afbud, fraværende uden afbud, fraværende), who substitutes for them
 * (stedfortræder: offered once the member is not present), indkaldt, partial presence, a note and which items they took part in. A
 * 31-member kommunalbestyrelse fits on one 1366×768 screen (rows of about 22 px).
 *
 * Keyboard: every control is a native one in the tab order (Tab / Shift+Tab go cell by cell).
 * ArrowUp / ArrowDown move to the same column of the row above or below (Ctrl+ArrowUp/Down
 * from a select, whose plain arrows change its value, e.g. the fremmøde: typing "a" chooses
 * "Afbud"), ArrowLeft / ArrowRight move between cells (in a text field only at its start or
 * end), Enter in a text field goes down. "Punkter" opens the items the member took no part
 * in, below the row.
 *
 * In a narrow place (the meeting's side panel; a container query in attendance.css) the table
 * shows name, fremmøde, stedfortræder and the toggle; party, role, indkaldt, partial presence,
 * note and removing open below the row with the items.
 */
import { ChevronDown, Trash2 } from 'lucide-react';
import { Fragment, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemDetail } from '../../../common/contract/api';
import {
  attendanceStatuses,
  itemAbsenceKinds,
  memberRoles,
  type AttendanceStatus,
  type ItemAbsence,
  type MemberRole,
  type Participant,
} from '../../../common/domain/model';
import { CheckboxField, SelectField, TextField } from '../components/fields';
import { PartyField } from '../components/PartyField';
import './attendance.css';

export type ParticipantPatch = Partial<
  Omit<Participant, 'id' | 'meetingId' | 'memberId' | 'position'>
>;

type Props = {
  participants: Participant[];
  items: AgendaItemDetail[];
  /** Changes a participant (shown at once, saved when `isValid` is not false). */
  patch(participant: Participant, change: ParticipantPatch, isValid?: boolean): void;
  onRemove(participant: Participant): void;
};

const partyPattern = /^[A-ZÆØÅ]{1,3}$/;

/**
 * The columns a narrow table (the meeting's side panel) leaves out: party, role, indkaldt,
 * partial presence and note; their fields open below the row with the items.
 */
const secondaryColumns = new Set([1, 2, 5, 6, 7]);

export function AttendanceTable({ participants, items, patch, onRemove }: Props) {
  const { t } = useTranslation();
  const tableId = useId();
  // Participants whose "items not taken part in" are open below their row.
  const [openIds, setOpenIds] = useState<ReadonlySet<string>>(() => new Set());
  const ordered = useMemo(
    () => [...participants].sort((a, b) => a.position - b.position),
    [participants],
  );
  const byId = useMemo(() => new Map(participants.map((p) => [p.id, p])), [participants]);
  const substituteOf = useMemo(() => {
    const map = new Map<string, Participant>();
    for (const p of participants) {
      if (p.substituteForId && !map.has(p.substituteForId)) map.set(p.substituteForId, p);
    }
    return map;
  }, [participants]);
  const itemNumbers = useMemo(() => new Map(items.map((item) => [item.id, item.number])), [items]);

  /** Who substitutes for `absentee`: the chosen participant, and no one else. */
  const setSubstitute = (absentee: Participant, substituteId: string) => {
    const current = substituteOf.get(absentee.id);
    if (current && current.id !== substituteId) patch(current, { substituteForId: null });
    const next = byId.get(substituteId);
    if (next && next.id !== current?.id) patch(next, { substituteForId: absentee.id });
  };

  const toggleOpen = (id: string) =>
    setOpenIds((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const columns = [
    t('attendance.table.name'),
    t('attendance.table.party'),
    t('attendance.table.role'),
    t('attendance.status'),
    t('attendance.table.substitute'),
    t('attendance.table.calledIn'),
    t('attendance.partialPresence'),
    t('attendance.note'),
    t('attendance.table.items'),
  ];

  return (
    <div className="attendance-table__scroll">
      <table
        className="attendance-table"
        aria-describedby={`${tableId}-keys`}
        onKeyDown={moveInGrid}
      >
        <caption className="visually-hidden">{t('attendance.heading')}</caption>
        <thead>
          <tr>
            {columns.map((label, index) => (
              <th
                key={label}
                scope="col"
                className={`attendance-table__col-${index}${secondaryColumns.has(index) ? ' attendance-table__secondary' : ''}`}
              >
                {index === 6 ? (
                  <span title={t('attendance.partialPresenceHint')}>{label}</span>
                ) : index === 5 ? (
                  <abbr title={label}>{t('attendance.table.calledInShort')}</abbr>
                ) : (
                  label
                )}
              </th>
            ))}
            <th scope="col" className="attendance-table__secondary">
              <span className="visually-hidden">{t('attendance.table.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((participant) => {
            const isOpen = openIds.has(participant.id);
            const substituted = participant.substituteForId
              ? (byId.get(participant.substituteForId) ?? null)
              : null;
            const substitute = substituteOf.get(participant.id) ?? null;
            const name = participant.name;
            const absentNumbers = participant.itemAbsences
              .map((absence) => itemNumbers.get(absence.itemId))
              .filter((n): n is number => n !== undefined)
              .sort((a, b) => a - b);
            const detailId = `${tableId}-items-${participant.id}`;
            const itemsSummary =
              absentNumbers.length === 0
                ? t('attendance.table.allItems')
                : t('attendance.table.notItems', { numbers: absentNumbers.join(', ') });
            return (
              <Fragment key={participant.id}>
                <tr
                  className={`attendance-table__row attendance-table__row--${participant.attendance}`}
                  data-participant-id={participant.id}
                >
                  <th scope="row">
                    <NameInput
                      value={name}
                      label={t('attendance.table.name')}
                      onChange={(value, isValid) => patch(participant, { name: value }, isValid)}
                    />
                  </th>
                  <td className="attendance-table__secondary">
                    <PartyInput
                      value={participant.party}
                      label={`${t('attendance.table.party')}: ${name}`}
                      invalidMessage={t('validation.party')}
                      onChange={(party) => patch(participant, { party })}
                    />
                  </td>
                  <td className="attendance-table__secondary">
                    <select
                      aria-label={`${t('attendance.table.role')}: ${name}`}
                      value={participant.role}
                      onChange={(event) =>
                        patch(participant, { role: event.target.value as MemberRole })
                      }
                    >
                      {memberRoles.map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={`${t('attendance.status')}: ${name}`}
                      value={participant.attendance}
                      onChange={(event) =>
                        patch(participant, {
                          attendance: event.target.value as AttendanceStatus,
                        })
                      }
                    >
                      {attendanceStatuses.map((status) => (
                        <option key={status} value={status}>
                          {t(`attendanceStatuses.${status}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {substituted ? (
                      <span className="attendance-table__for">
                        {t('attendance.table.substituteFor', { name: substituted.name })}
                      </span>
                    ) : participant.attendance !== 'present' || substitute ? (
                      // Only an absent member has a substitute (a present one shows none, which
                      // also keeps a 31-row table from building a list of 31 names per row).
                      <select
                        aria-label={`${t('attendance.table.substitute')}: ${name}`}
                        value={substitute?.id ?? ''}
                        onChange={(event) => setSubstitute(participant, event.target.value)}
                      >
                        <option value="">{t('attendance.noOne')}</option>
                        {ordered
                          .filter(
                            (other) =>
                              other.id !== participant.id &&
                              // Free, or already this one's; never someone with a substitute.
                              (other.substituteForId === null ||
                                other.substituteForId === participant.id) &&
                              !substituteOf.has(other.id),
                          )
                          .map((other) => (
                            <option key={other.id} value={other.id}>
                              {other.name}
                            </option>
                          ))}
                      </select>
                    ) : null}
                  </td>
                  <td className="attendance-table__center attendance-table__secondary">
                    <input
                      type="checkbox"
                      aria-label={`${t('attendance.isCalledIn')}: ${name}`}
                      checked={participant.isCalledIn}
                      onChange={(event) => patch(participant, { isCalledIn: event.target.checked })}
                    />
                  </td>
                  <td className="attendance-table__secondary">
                    <TextInput
                      value={participant.partialPresence}
                      label={`${t('attendance.partialPresence')}: ${name}`}
                      maxLength={300}
                      onChange={(partialPresence) => patch(participant, { partialPresence })}
                    />
                  </td>
                  <td className="attendance-table__secondary">
                    <TextInput
                      value={participant.note}
                      label={`${t('attendance.note')}: ${name}`}
                      maxLength={1000}
                      onChange={(note) => patch(participant, { note })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="attendance-table__items"
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? detailId : undefined}
                      // The visible summary first (what speech users say), then what opens.
                      aria-label={t('attendance.table.detailsLabel', {
                        summary: itemsSummary,
                        name,
                        absent: t('attendance.absentFromItems', {
                          count: participant.itemAbsences.length,
                        }),
                      })}
                      onClick={() => toggleOpen(participant.id)}
                    >
                      <span
                        className={`attendance-table__summary${absentNumbers.length > 0 ? ' attendance-table__summary--some' : ''}`}
                      >
                        {itemsSummary}
                      </span>
                      <ChevronDown
                        className="attendance-table__chevron"
                        aria-hidden="true"
                        size={14}
                      />
                    </button>
                  </td>
                  <td className="attendance-table__center attendance-table__secondary">
                    <button
                      type="button"
                      className="attendance-table__remove"
                      aria-label={t('attendance.remove', { name })}
                      title={t('attendance.remove', { name })}
                      onClick={() => onRemove(participant)}
                    >
                      <Trash2 aria-hidden="true" size={14} />
                    </button>
                  </td>
                </tr>
                {isOpen && (
                  <tr className="attendance-table__detail" id={detailId}>
                    <td colSpan={columns.length + 1}>
                      {/* In a narrow table (the side panel) the fields of the hidden columns. */}
                      <div className="attendance-table__detail-fields">
                        <PartyField
                          value={participant.party}
                          onChange={(party) => patch(participant, { party })}
                        />
                        <SelectField<MemberRole>
                          label={t('attendance.table.role')}
                          value={participant.role}
                          onChange={(role) => patch(participant, { role })}
                          options={memberRoles.map((role) => ({
                            value: role,
                            label: t(`roles.${role}`),
                          }))}
                        />
                        <CheckboxField
                          label={t('attendance.isCalledIn')}
                          checked={participant.isCalledIn}
                          onChange={(isCalledIn) => patch(participant, { isCalledIn })}
                        />
                        <TextField
                          label={t('attendance.partialPresence')}
                          value={participant.partialPresence}
                          maxLength={300}
                          hint={t('attendance.partialPresenceHint')}
                          onChange={(partialPresence) => patch(participant, { partialPresence })}
                        />
                        <TextField
                          label={t('attendance.note')}
                          value={participant.note}
                          maxLength={1000}
                          onChange={(note) => patch(participant, { note })}
                        />
                        <button
                          type="button"
                          className="button--quiet"
                          onClick={() => onRemove(participant)}
                        >
                          {t('attendance.remove', { name })}
                        </button>
                      </div>
                      {items.length > 0 && (
                        <ItemAbsences participant={participant} items={items} patch={patch} />
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <p id={`${tableId}-keys`} className="hint attendance-table__keys">
        {t('attendance.table.keys')}
      </p>
    </div>
  );
}

/** The items a participant took no part in, with why (inhabil or not participating). */
function ItemAbsences({
  participant,
  items,
  patch,
}: {
  participant: Participant;
  items: AgendaItemDetail[];
  patch: Props['patch'];
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="checkbox-group">
      <legend>{t('attendance.absentFromItemsLegend', { name: participant.name })}</legend>
      {items.map((item) => {
        const absence = participant.itemAbsences.find((candidate) => candidate.itemId === item.id);
        const label = t('agenda.itemLabel', { number: item.number, title: item.title });
        const change = (next: Partial<ItemAbsence>) =>
          patch(participant, {
            itemAbsences: participant.itemAbsences.map((candidate) =>
              candidate.itemId === item.id ? { ...candidate, ...next } : candidate,
            ),
          });
        return (
          <div key={item.id} className="record__absence">
            <CheckboxField
              label={label}
              checked={absence !== undefined}
              onChange={(isAbsent) =>
                patch(participant, {
                  itemAbsences: isAbsent
                    ? [
                        ...participant.itemAbsences,
                        { itemId: item.id, kind: 'not_participating', reason: '' },
                      ]
                    : participant.itemAbsences.filter((candidate) => candidate.itemId !== item.id),
                })
              }
            />
            {absence && (
              <>
                <SelectField<ItemAbsence['kind']>
                  label={t('attendance.absenceKind', { item: label })}
                  value={absence.kind}
                  onChange={(kind) => change({ kind })}
                  options={itemAbsenceKinds.map((value) => ({
                    value,
                    label: t(`attendance.absenceKinds.${value}`),
                  }))}
                />
                <TextField
                  label={t('attendance.absenceReason', { item: label })}
                  value={absence.reason}
                  maxLength={1000}
                  onChange={(reason) => change({ reason })}
                />
              </>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

function NameInput({
  value,
  label,
  onChange,
}: {
  value: string;
  label: string;
  onChange(value: string, isValid: boolean): void;
}) {
  const isValid = value.trim().length > 0;
  return (
    <input
      type="text"
      className="attendance-table__name"
      aria-label={label}
      aria-invalid={isValid ? undefined : true}
      value={value}
      maxLength={200}
      required
      onChange={(event) => onChange(event.target.value, event.target.value.trim().length > 0)}
    />
  );
}

/** A party letter: typed letters are upper-cased; invalid text is shown, not sent. */
function PartyInput({
  value,
  label,
  invalidMessage,
  onChange,
}: {
  value: string | null;
  label: string;
  invalidMessage: string;
  onChange(value: string | null): void;
}) {
  const [text, setText] = useState(value ?? '');
  const trimmed = text.trim();
  const isValid = trimmed === '' || partyPattern.test(trimmed);
  return (
    <input
      type="text"
      className="attendance-table__party"
      aria-label={label}
      aria-invalid={isValid ? undefined : true}
      title={isValid ? undefined : invalidMessage}
      value={text}
      maxLength={3}
      onChange={(event) => {
        const upper = event.target.value.toLocaleUpperCase('da');
        setText(upper);
        const candidate = upper.trim();
        if (candidate === '') onChange(null);
        else if (partyPattern.test(candidate)) onChange(candidate);
      }}
    />
  );
}

function TextInput({
  value,
  label,
  maxLength,
  onChange,
}: {
  value: string;
  label: string;
  maxLength: number;
  onChange(value: string): void;
}) {
  return (
    <input
      type="text"
      aria-label={label}
      value={value}
      maxLength={maxLength}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

const focusableSelector = 'input, select, button:not(:disabled)';

/** The control of the cell at `column` of `row`, or null (a cell without one, or hidden). */
function controlAt(row: Element | null, column: number): HTMLElement | null {
  const control = row?.children[column]?.querySelector<HTMLElement>(focusableSelector) ?? null;
  return control && control.getClientRects().length > 0 ? control : null;
}

/** Arrow keys (and Enter in a text field) move between the cells of the table. */
function moveInGrid(event: KeyboardEvent<HTMLTableElement>): void {
  const target = event.target;
  if (!(target instanceof HTMLElement) || event.altKey || event.metaKey) return;
  const cell = target.closest('td, th');
  const row = cell?.parentElement;
  if (!cell || !row?.classList.contains('attendance-table__row')) return;
  const column = [...row.children].indexOf(cell);
  const isSelect = target instanceof HTMLSelectElement;
  const isText = target instanceof HTMLInputElement && target.type === 'text';
  let rowStep = 0;
  let columnStep = 0;
  if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
    // A select's own arrows change its value; with Ctrl they move, as everywhere.
    if (isSelect && !event.ctrlKey) return;
    rowStep = event.key === 'ArrowUp' ? -1 : 1;
  } else if (event.key === 'Enter' && isText && !event.ctrlKey) {
    rowStep = event.shiftKey ? -1 : 1;
  } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    if (event.ctrlKey || event.shiftKey) return;
    if (isText && target instanceof HTMLInputElement) {
      // A caret at the edge, or the whole text selected (as arrived at): leave the cell.
      const atStart = target.selectionStart === 0;
      const atEnd = target.selectionEnd === target.value.length;
      if (event.key === 'ArrowLeft' ? !atStart : !atEnd) return;
    }
    columnStep = event.key === 'ArrowLeft' ? -1 : 1;
  } else return;

  let next: HTMLElement | null = null;
  if (rowStep !== 0) {
    let candidate: Element | null = row;
    do {
      candidate = rowStep < 0 ? candidate.previousElementSibling : candidate.nextElementSibling;
      if (candidate?.classList.contains('attendance-table__row'))
        next = controlAt(candidate, column);
    } while (candidate && !next);
  } else {
    for (
      let at = column + columnStep;
      at >= 0 && at < row.children.length && !next;
      at += columnStep
    )
      next = controlAt(row, at);
  }
  if (!next) return;
  event.preventDefault();
  next.focus();
  if (next instanceof HTMLInputElement && next.type === 'text') next.select();
}
