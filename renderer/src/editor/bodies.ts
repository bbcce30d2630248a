import type { BodyOwner } from '../../../common/contract/api';

/** The autosave key of a body. */
export function bodyKey(owner: BodyOwner): string {
  return owner.kind === 'meeting'
    ? `body:meeting:${owner.meetingId}:${owner.field}`
    : `body:item:${owner.itemId}:${owner.field}`;
}

/** The i18n key of a body's label. */
export function bodyLabelKey(owner: BodyOwner): string {
  return owner.kind === 'meeting' ? `bodies.meeting.${owner.field}` : `bodies.item.${owner.field}`;
}
