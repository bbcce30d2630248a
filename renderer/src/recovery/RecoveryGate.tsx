import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '../../../common/contract/api';
import type { RendererClient } from '../api/client';
import { RecoveryScreen } from './RecoveryScreen';

type Status = RequestOutput<'library:recoveryStatus'>;

/**
 * Asks once at start whether the library could be opened. A damaged library shows the
 * recovery screen instead of the app; after a restore the app starts normally.
 */
export function RecoveryGate({
  client,
  children,
}: {
  client: RendererClient;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status | null>(null);
  const [isRestored, setIsRestored] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    void client.call('library:recoveryStatus', {}).then((result) => {
      if (!isCurrent) return;
      // An older main side without the request: carry on as if healthy.
      setStatus(
        result.ok
          ? result.value
          : { isDamaged: false, libraryPath: '', code: null, message: null, backups: [] },
      );
    });
    return () => {
      isCurrent = false;
    };
  }, [client]);

  if (!status) {
    return (
      <p className="load-state" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (status.isDamaged && !isRestored) {
    return (
      <RecoveryScreen client={client} status={status} onRestored={() => setIsRestored(true)} />
    );
  }
  return <>{children}</>;
}
