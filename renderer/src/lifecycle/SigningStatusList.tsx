/**
 * Who still has to sign an edition (signatures:status): each member present with their state
 * in the current round: signed (time and certificate), signed with a reservation, or waiting.
 */
import { useTranslation } from 'react-i18next';
import type { SigningStatus } from '../../../common/contract/api';
import { formatTime } from './time';

export function SigningStatusList({ status }: { status: SigningStatus }) {
  const { t, i18n } = useTranslation();
  const edition = t(`lifecycle.editions.${status.edition}`);
  const waiting = status.signers.filter((s) => s.state === 'waiting').length;
  return (
    <div className="lifecycle__status">
      <h4>{t('lifecycle.sign.statusHeading', { edition, round: status.round })}</h4>
      <ul aria-label={t('lifecycle.sign.statusLabel', { edition })}>
        {status.signers.map((s) => {
          const time = s.signedAt ? formatTime(s.signedAt, i18n.language) : '';
          return (
            <li key={s.participantId} className={`signer signer--${s.state}`}>
              {s.state === 'waiting'
                ? t('lifecycle.sign.stateWaiting', { name: s.name })
                : s.state === 'reservation'
                  ? t('lifecycle.sign.stateReservation', {
                      name: s.name,
                      time,
                      reservation: s.reservation,
                    })
                  : t('lifecycle.sign.stateSigned', { name: s.name, time })}
              {s.certificateSubject && (
                <div className="signer__certificate">
                  {t('lifecycle.sign.certificate', { subject: s.certificateSubject })}{' '}
                  {s.matchedBy === 'secretary' && t('lifecycle.sign.confirmed')}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <p>
        {waiting === 0
          ? t('lifecycle.sign.allSigned')
          : t('lifecycle.sign.remaining', { count: waiting })}
      </p>
    </div>
  );
}
