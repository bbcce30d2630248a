/**
 * A small label after a title ("Lukket"). The space before it is part of the text, so the
 * accessible name, find and copy read "Projektafrunding Lukket", not "ProjektafrundingLukket".
 */
export function Badge({ children }: { children: string }) {
  return (
    <>
      {' '}
      <span className="badge">{children}</span>
    </>
  );
}
