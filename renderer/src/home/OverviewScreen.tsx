/**
 * The frame of the library's two overviews, "Møder" and "Udvalg": the heading with the links
 * between them and "Åbn pakke", then the screen's list once loaded (or loading, or the error
 * with "Prøv igen").
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../api/useResource';
import { LoadState } from '../components/LoadState';
import { OpenPackage } from '../share/OpenPackage';
import { OverviewNav } from './OverviewNav';
import './home.css';

export function OverviewScreen<T>({
  current,
  className,
  resource,
  onRetry,
  content,
  children,
}: {
  current: 'home' | 'committees';
  /** Besides "screen". */
  className?: string;
  resource: Resource<T>;
  onRetry(): void;
  /** The list, once loaded. */
  content(value: T): ReactNode;
  /** Shown below whatever the list's state (the committees' "Nyt udvalg"). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const headingId = `${current}-heading`;
  return (
    <section className={className ? `screen ${className}` : 'screen'} aria-labelledby={headingId}>
      <div className="home__top">
        <h1 id={headingId}>{t(`${current}.heading`)}</h1>
        <OverviewNav current={current} />
        <OpenPackage />
      </div>
      {resource.status === 'loading' && <LoadState />}
      {resource.status === 'failed' && <LoadState error={resource.error} onRetry={onRetry} />}
      {resource.status === 'loaded' && content(resource.value)}
      {children}
    </section>
  );
}
