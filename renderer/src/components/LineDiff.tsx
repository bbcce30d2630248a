/**
 * A line diff of two texts: removed lines struck through, added ones underlined, each change
 * also named in words for screen readers ("Fjernet: …", "Tilføjet: …"). An empty line shows
 * as a space, so it keeps its height.
 */
import { useTranslation } from 'react-i18next';
import { diffLines } from '../../../common/editor/textDiff';

export function LineDiff({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  return (
    <div className="editor-history__lines">
      {diffLines(before, after).map((line, index) => (
        <p key={index} className={`editor-history__line editor-history__line--${line.kind}`}>
          {line.kind !== 'same' && (
            <span className="visually-hidden">{t(`editor.history.${line.kind}`)}: </span>
          )}
          {line.kind === 'removed' ? (
            <del>{line.text || ' '}</del>
          ) : line.kind === 'added' ? (
            <ins>{line.text || ' '}</ins>
          ) : (
            line.text || ' '
          )}
        </p>
      ))}
    </div>
  );
}
