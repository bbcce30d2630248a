import type { QuotedDecision } from '../../../../common/domain/richText';
import { quotedDecisionBlockText } from '../../../../common/wording/blocks';
import { useReferenceLookup } from '../referenceLookup';

/** A quoted earlier decision, as the minutes print it (the find bar searches the same text). */
export function QuotedDecisionView({ quote }: { quote: QuotedDecision }) {
  const lookup = useReferenceLookup();
  return (
    <blockquote className="editor-quoted-decision">
      <p data-find-block="">{quotedDecisionBlockText(quote, lookup)}</p>
    </blockquote>
  );
}
