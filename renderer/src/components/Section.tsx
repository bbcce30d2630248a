/**
 * A section named by its heading (aria-labelledby), so assistive tools list it as a region of
 * the page: a screen's panel (h2) or a part of one (h3).
 */
import { useId, type ReactNode } from 'react';

export function Section({
  className,
  heading,
  level = 2,
  children,
}: {
  className: string;
  heading: ReactNode;
  level?: 2 | 3;
  children: ReactNode;
}) {
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={className} aria-labelledby={headingId}>
      <Heading id={headingId}>{heading}</Heading>
      {children}
    </section>
  );
}
