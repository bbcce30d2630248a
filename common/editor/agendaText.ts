/**
 * The Resumé of an "Opgaveudvalg" meeting lists the agenda points with their presenters
 * ("Velkomst v/ Formand Marie-Louise Andreassen", model document 2017-12-12). This builds that
 * list from the agenda records, for the editor's "Indsæt dagsorden" command.
 *
 * The Resumé is one text for both editions, so in open text a closed item is listed only as
 * the public edition shows it: its public title (or "Lukket punkt") and no presenter.
 *
 * Pure core.
 */
import type { AgendaItem } from '../domain/model';
import type { List, RichText } from '../domain/richText';
import { closedItemFallbackTitle } from '../export/editions';
import type { Lang } from '../wording/words';

/** What the agenda list needs of an item. */
export type AgendaPoint = Pick<
  AgendaItem,
  'title' | 'presenter' | 'position' | 'isClosed' | 'publicTitle'
>;

export type AgendaTextOptions = {
  lang: Lang;
  /** True for open (public) text, where a closed item shows only its public title. */
  isOpenText: boolean;
};

const presenterWord: Record<Lang, string> = { da: 'v/', en: 'by' };
const closedFallback: Record<Lang, string> = { da: closedItemFallbackTitle, en: 'Closed item' };

/** One line per agenda point, in agenda order: "Title v/ Presenter", or the title alone. */
export function agendaLines(
  items: readonly AgendaPoint[],
  { lang, isOpenText }: AgendaTextOptions,
): string[] {
  return [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      if (item.isClosed && isOpenText) {
        const title = item.publicTitle.trim();
        return title === '' ? closedFallback[lang] : title;
      }
      const title = item.title.trim();
      const presenter = item.presenter.trim();
      return presenter === '' ? title : `${title} ${presenterWord[lang]} ${presenter}`;
    });
}

/** The agenda points as a bulleted list, the form of the model document; empty without items. */
export function agendaRichText(
  items: readonly AgendaPoint[],
  options: AgendaTextOptions,
): RichText {
  const lines = agendaLines(items, options);
  if (lines.length === 0) return [];
  const list: List = {
    type: 'list',
    ordered: false,
    items: lines.map((text) => ({ children: [{ type: 'text', text }] })),
  };
  return [list];
}
