/**
 * Where the user is, shown in the app header beside the product name ("Referat · Opgaveudvalget
 * om Innovation, 5. møde 12. december 2017") and in the window title, instead of the library's
 * file name, which says nothing to a secretary.
 */
import { createContext, useContext, useEffect } from 'react';

/** Sets the header's place text; null clears it. */
export const HeaderPlaceContext = createContext<(place: string | null) => void>(() => {});

/** Shows `text` as the header's place while this is mounted. */
export function HeaderPlace({ text }: { text: string }) {
  const setPlace = useContext(HeaderPlaceContext);
  useEffect(() => {
    setPlace(text);
    return () => setPlace(null);
  }, [setPlace, text]);
  return null;
}
