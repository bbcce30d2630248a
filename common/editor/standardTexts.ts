/**
 * Standard decision texts (standardtekster) offered when a committee has not configured its
 * own. The texts are Danish whatever the UI language: they are the words of the minutes.
 *
 * Pure core.
 */
export const defaultStandardTexts: readonly string[] = [
  'Godkendt.',
  'Taget til efterretning.',
  'Anbefales.',
  'Udsat.',
  'Indstillingen tiltrådt.',
  'Drøftet.',
  'Oversendes til Kommunalbestyrelsen.',
];
