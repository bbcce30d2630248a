/**
 * The meeting's minutes as one document, in the order of the printed minutes: header, Sags ID,
 * the meeting's bodies (the profile's meeting sections, with its labels), then one section per agenda item (agenda order) with its bodies in the
 * order and under the labels of the meeting's minutes profile (the model document's profile:
 * Beslutninger with one "Ad <title>" section each), the members present with their roles, and
 * the appendices.
 *
 * One editor per text body (measured: one editor holding 300 pages is too slow
 * to type in), each section laid out only when near the viewport (`content-visibility: auto`).
 * An outline beside the document jumps to each item and puts the caret in its first body.
 */
import { memo, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemDetail, MeetingDetail } from '../../../common/contract/api';
import type {
  Body,
  ItemBodyField,
  MeetingBodyField,
  Participant,
} from '../../../common/domain/model';
import { richTextToPlain } from '../../../common/domain/richText';
import type { MinutesProfile } from '../../../common/domain/profiles';
import { itemHeading, profileLabel } from '../../../common/wording/minutes';
import type { Lang } from '../../../common/wording/words';
import { fieldLabel, itemBodySlots, meetingBodySlots } from './itemBodyOrder';
import { BodyField } from './BodyField';
import { emptyBody } from '../../../common/domain/model';
import { AttendanceSection } from './AttendanceSection';
import { ItemPresenceButton, type ItemOrder } from './ItemPresence';
import { DocumentTools } from './DocumentTools';
import { mountNowEvent, useMountNearViewport } from './useMountNearViewport';
import { Badge } from '../components/Badge';
import { moveKeyHandler } from '../components/MoveButtons';

export type MeetingDocumentProps = {
  detail: MeetingDetail;
  /** The meeting's title line, e.g. "(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017". */
  title: string;
  onMeetingBodySaved(field: MeetingBodyField, body: Body): void;
  onItemBodySaved(itemId: string, field: ItemBodyField, body: Body): void;
  /** Local update of the attendance records (the attendance section edits them). */
  setParticipants(change: (list: Participant[]) => Participant[]): void;
  /** Moves an agenda item to `toIndex` (Alt+ArrowUp/Down on its outline entry). */
  onMoveItem?(itemId: string, toIndex: number): void;
  /** Per item, bumped when its bodies were replaced outside its editors: they reload. */
  bodyGenerations?: Readonly<Record<string, number>>;
};

/** The DOM id of an item's section, for the outline's links. */
export const itemSectionId = (itemId: string) => `document-item-${itemId}`;

function jumpTo(itemId: string): void {
  const section = document.getElementById(itemSectionId(itemId));
  if (!section) return;
  section
    .querySelectorAll('.meeting-document__lazy')
    .forEach((lazy) => lazy.dispatchEvent(new Event(mountNowEvent)));
  section.scrollIntoView({ block: 'start' });
  const focus = (tries: number) => {
    const editable = section.querySelector<HTMLElement>('[contenteditable="true"]');
    if (editable) editable.focus();
    else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
  };
  focus(120);
}

/**
 * Mounts its editors only when the section comes near the viewport, and keeps them mounted.
 * Until then the text is shown as plain text (so the layout and the browser's find stay
 * right): opening a 300-page meeting creates a handful of editors, not sixty.
 */
function LazySection({ preview, children }: { preview: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [isMounted] = useMountNearViewport(ref);
  return (
    <div ref={ref} className="meeting-document__lazy">
      {isMounted ? children : <div className="meeting-document__preview">{preview}</div>}
    </div>
  );
}

/**
 * One agenda item's section. Memoized: saving a body replaces only its own item, so a save
 * re-renders one section instead of every preview and editor of a 300-page meeting.
 */
const ItemSection = memo(function ItemSection({
  item,
  profile,
  generation,
  onItemBodySaved,
  itemOrder,
  participants,
  setParticipants,
  isLocked,
}: {
  item: AgendaItemDetail;
  profile: MinutesProfile;
  generation: number;
  onItemBodySaved: MeetingDocumentProps['onItemBodySaved'];
  itemOrder: ItemOrder;
  participants: readonly Participant[];
  setParticipants: MeetingDocumentProps['setParticipants'];
  isLocked: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'da';
  const isAdTemplate = profile.itemLayout === 'ad_sections';
  const slots = itemBodySlots(profile, item);
  const sectionId = itemSectionId(item.id);
  return (
    <section
      id={sectionId}
      className="meeting-document__section meeting-document__item"
      aria-labelledby={`${sectionId}-heading`}
    >
      <div className="meeting-document__item-head">
        <h3 id={`${sectionId}-heading`} className="meeting-document__ad" data-find-text>
          {isAdTemplate
            ? t('editor.document.ad', { title: item.title })
            : itemHeading(profile.itemHeading, item)}
          {item.isClosed && <Badge>{t('meeting.closed')}</Badge>}
        </h3>
        <ItemPresenceButton
          item={item}
          itemOrder={itemOrder}
          participants={participants}
          setParticipants={setParticipants}
          isLocked={isLocked}
        />
      </div>
      <LazySection
        preview={slots
          .map(({ field }) => richTextToPlain(item.bodies[field]?.content ?? []))
          .join('\n\n')}
      >
        {slots.map(({ field, label }) => (
          <BodyField
            key={`${field}-${generation}`}
            label={fieldLabel(label, lang)}
            owner={{ kind: 'item', itemId: item.id, field }}
            body={item.bodies[field] ?? emptyBody()}
            onSaved={(body) => onItemBodySaved(item.id, field, body)}
            // The section is already lazy: its bodies start their editors together.
            isLazy={false}
          />
        ))}
      </LazySection>
    </section>
  );
});

export function MeetingDocument({
  detail,
  title,
  onMeetingBodySaved,
  onItemBodySaved,
  setParticipants,
  onMoveItem,
  bodyGenerations,
}: MeetingDocumentProps) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'da';
  const { meeting } = detail;
  // The records the bodies display references from come from the meeting screen's context.
  const items = useMemo(
    () => [...detail.items].sort((a, b) => a.position - b.position),
    [detail.items],
  );
  const { profile } = detail;
  const isAdTemplate = profile.itemLayout === 'ad_sections';
  // The agenda order per-item presence is derived from; a new array only when an item's
  // number or place changes, so that saving a body re-renders one section, not all.
  const orderKey = items.map((item) => `${item.id}:${item.number}:${item.position}`).join('|');
  const itemOrder = useMemo<ItemOrder>(
    () => items.map(({ id, number, position }) => ({ id, number, position })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when orderKey changes
    [orderKey],
  );
  const isLocked = meeting.status !== 'draft';
  const appendices = [...detail.appendices].sort(
    (a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER),
  );

  return (
    <div className="meeting-document">
      <DocumentTools detail={detail} itemSectionId={itemSectionId} />
      <nav className="meeting-document__outline" aria-label={t('editor.document.outline')}>
        <h2 className="meeting-document__outline-heading">{t('editor.document.outline')}</h2>
        {onMoveItem && <p className="visually-hidden">{t('common.reorderHint')}</p>}
        <ol>
          {items.map((item, index) => (
            <li key={item.id} className="meeting-document__outline-item">
              <a
                href={`#${itemSectionId(item.id)}`}
                aria-label={t('editor.document.jumpTo', {
                  number: item.number,
                  title: item.title,
                })}
                onClick={(event) => {
                  // The app routes by hash; jump without changing the route.
                  event.preventDefault();
                  jumpTo(item.id);
                }}
                onKeyDown={
                  onMoveItem
                    ? moveKeyHandler(index, items.length, (to) => {
                        onMoveItem(item.id, to);
                        // The focus follows the item to its new place in the outline.
                        requestAnimationFrame(() =>
                          document
                            .querySelector<HTMLElement>(`a[href="#${itemSectionId(item.id)}"]`)
                            ?.focus(),
                        );
                      })
                    : undefined
                }
              >
                {itemHeading(isAdTemplate ? '{nummer}. {titel}' : profile.itemHeading, item)}
              </a>
              {item.isClosed && <span className="badge badge--closed">{t('meeting.closed')}</span>}
            </li>
          ))}
        </ol>
      </nav>
      {/* Focusable so that "select all" can take the focus out of the body it leaves. */}
      <article className="meeting-document__page" aria-label={title} tabIndex={-1}>
        <p className="meeting-document__title" data-find-text>
          {title}
        </p>
        {meeting.caseId && (
          <p data-find-text>
            {t('common.caseId')}: {meeting.caseId}
          </p>
        )}
        {meetingBodySlots(profile, detail.bodies).map(({ field, label }) => (
          <section key={field} className="meeting-document__section">
            <BodyField
              label={fieldLabel(label, lang)}
              owner={{ kind: 'meeting', meetingId: meeting.id, field }}
              body={detail.bodies[field] ?? emptyBody()}
              onSaved={(body) => onMeetingBodySaved(field, body)}
            />
          </section>
        ))}
        {isAdTemplate && (
          <h2 className="meeting-document__heading" data-find-text>
            {profile.decisionsHeading.trim() === ''
              ? t('editor.document.decisions')
              : profileLabel(profile.decisionsHeading.trim(), lang)}
          </h2>
        )}
        {items.map((item) => (
          <ItemSection
            key={item.id}
            item={item}
            profile={profile}
            generation={bodyGenerations?.[item.id] ?? 0}
            onItemBodySaved={onItemBodySaved}
            itemOrder={itemOrder}
            participants={detail.participants}
            setParticipants={setParticipants}
            isLocked={isLocked}
          />
        ))}
        <AttendanceSection
          meetingId={meeting.id}
          participants={detail.participants}
          items={detail.items}
          setParticipants={setParticipants}
          isLocked={isLocked}
        />
        {appendices.length > 0 && (
          <section className="meeting-document__section" aria-labelledby="document-appendices">
            <h2 id="document-appendices" className="meeting-document__heading" data-find-text>
              {t('editor.document.appendices')}
            </h2>
            <ol className="meeting-document__appendices" data-find-text>
              {appendices.map((a) => (
                <li key={a.id} value={a.number ?? undefined}>
                  {a.title}
                  {a.documentNumber || a.caseId
                    ? ` (${[a.documentNumber, a.caseId].filter(Boolean).join(' - ')})`
                    : ''}
                </li>
              ))}
            </ol>
          </section>
        )}
      </article>
    </div>
  );
}
