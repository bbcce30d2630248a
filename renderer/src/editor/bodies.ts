import type { BodyOwner } from '../../../common/contract/api';
import type { Body } from '../../../common/domain/model';

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

/** A body that has never been saved. */
export function emptyBody(): Body {
  return { content: [], revision: 0, updatedAt: null, updatedBy: '' };
}
