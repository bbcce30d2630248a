/**
 * Which text bodies each document template shows. "Opgaveudvalg" (the model document) has a
 * meeting-level Resumé and Tidligere beslutninger and one decision (Ad-section) per item;
 * "Fagudvalg / kommunalbestyrelse" carries the full set of fields on every item. A closed
 * item always also carries its public decision text.
 */
import type { ItemBodyField, MeetingBodyField, TemplateId } from './model';

/** The meeting-level bodies a template shows, in document order. */
export function meetingBodyFieldsOf(template: TemplateId): readonly MeetingBodyField[] {
  return template === 'opgaveudvalg' ? ['summary', 'previousDecisions'] : [];
}

/** The item bodies a template shows for an item, in document order. */
export function itemBodyFieldsOf(
  template: TemplateId,
  isClosed: boolean,
): readonly ItemBodyField[] {
  const fields: ItemBodyField[] =
    template === 'opgaveudvalg'
      ? ['decision']
      : [
          'summary',
          'recommendation',
          'casePresentation',
          'finances',
          'previousDecisions',
          'decision',
        ];
  if (isClosed) fields.push('publicDecision');
  return fields;
}
