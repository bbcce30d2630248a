import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RendererClient } from './api/client';
import { AppContext, type AppServices } from './appContext';
import { CommitteeScreen } from './committees/CommitteeScreen';
import { CommitteesScreen } from './committees/CommitteesScreen';
import { LanguageSwitch } from './components/LanguageSwitch';
import { HeaderPlaceContext } from './headerPlace';
import { HomeScreen } from './home/HomeScreen';
import { MeetingScreen } from './meeting/MeetingScreen';
import { DecisionsScreen } from './search/DecisionsScreen';
import { SearchScreen } from './search/SearchScreen';
import { parseRoute, routeHash, type Route } from './router';
import { SaveQueue } from './save/saveQueue';
import { SaveStatus } from './save/SaveStatus';
import { useSecretarySettings } from './settings/SecretarySettings';

type Props = { client: RendererClient };

/** The application shell: header (product, the meeting or committee, language, save status) and the current screen. */
export function App({ client }: Props) {
  const { t } = useTranslation();
  const [queue] = useState(() => new SaveQueue());
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  const [place, setPlace] = useState<string | null>(null);

  useEffect(() => {
    const onHashChange = () => {
      // Pending edits of the screen being left are sent before the next screen loads (each loader waits for the queue).
      void queue.flushAll();
      setRoute(parseRoute(window.location.hash));
    };
    const onHidden = () => {
      if (document.visibilityState === 'hidden') void queue.flushAll();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!queue.hasUnsaved()) return;
      void queue.flushAll();
      // In a browser the user is asked to wait; Electron's main process decides on its own.
      if (!client.isElectron) event.preventDefault();
    };
    window.addEventListener('hashchange', onHashChange);
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [queue, client]);

  const settings = useSecretarySettings(client);
  const services = useMemo<AppServices>(
    () => ({
      client,
      queue,
      navigate(next: Route) {
        void queue.flushAll();
        const hash = routeHash(next);
        if (window.location.hash === hash) setRoute(next);
        else window.location.hash = hash;
      },
    }),
    [client, queue],
  );

  useEffect(() => {
    document.title = place ? `${t('app.name')} – ${place}` : t('app.name');
  }, [place, t]);

  return (
    <AppContext.Provider value={services}>
      <HeaderPlaceContext.Provider value={setPlace}>
        <a className="skip-link" href="#main-content">
          {t('app.skipToContent')}
        </a>
        <header className="app-header">
          <div className="app-header__brand">
            <a className="app-header__name" href="#/">
              {t('app.name')}
            </a>
            {place !== null && (
              <span className="app-header__place">
                <span className="visually-hidden">{t('app.place')}: </span>
                {place}
              </span>
            )}
          </div>
          <a className="app-header__search" href={routeHash({ screen: 'search' })}>
            {t('search.navLink')}
          </a>
          <a className="app-header__search" href={routeHash({ screen: 'decisions' })}>
            {t('decisions.navLink')}
          </a>
          <SaveStatus />
          {settings.button}
          <LanguageSwitch />
        </header>
        {settings.panel}
        <main id="main-content" className="app-main" tabIndex={-1}>
          {route.screen === 'home' && <HomeScreen />}
          {route.screen === 'committees' && <CommitteesScreen />}
          {route.screen === 'committee' && (
            <CommitteeScreen key={route.committeeId} committeeId={route.committeeId} />
          )}
          {route.screen === 'meeting' && (
            <MeetingScreen key={route.meetingId} meetingId={route.meetingId} />
          )}
          {route.screen === 'search' && <SearchScreen />}
          {route.screen === 'decisions' && <DecisionsScreen />}
        </main>
      </HeaderPlaceContext.Provider>
    </AppContext.Provider>
  );
}
