import { useTranslation } from 'react-i18next';
import { routeHash } from '../router';

/** "Møder | Udvalg": the two overviews of the library, one step from each other. */
export function OverviewNav({ current }: { current: 'home' | 'committees' }) {
  const { t } = useTranslation();
  return (
    <nav className="overview-nav" aria-label={t('home.navLabel')}>
      <a
        href={routeHash({ screen: 'home' })}
        aria-current={current === 'home' ? 'page' : undefined}
      >
        {t('home.heading')}
      </a>
      <a
        href={routeHash({ screen: 'committees' })}
        aria-current={current === 'committees' ? 'page' : undefined}
      >
        {t('committees.heading')}
      </a>
    </nav>
  );
}
