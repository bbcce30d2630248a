/**
 * The signatures of a PDF as signatures:verify reports them: signer, time, status with its
 * reason, the certificate, validity when signed and now, what revocation data embedded in the
 * file says (PAdES B-LT), coverage, and that revocation was not checked where there is none.
 */
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '../../../common/contract/api';
import { formatTime } from './time';

export function SignatureList({ report }: { report: RequestOutput<'signatures:verify'> }) {
  const { t, i18n } = useTranslation();
  const last = report.signatures[report.signatures.length - 1];
  return (
    <div className="lifecycle__verify">
      {report.signatures.length === 0 ? (
        <p>{t('lifecycle.verify.noSignatures', { fileName: report.fileName })}</p>
      ) : (
        <>
          <ol
            className="lifecycle__signatures"
            aria-label={t('lifecycle.verify.listLabel', { fileName: report.fileName })}
          >
            {report.signatures.map((s) => (
              <li key={s.field} className={`signature signature--${s.status}`}>
                <strong>{s.signer}</strong>
                {s.signedAt && <> — {formatTime(s.signedAt, i18n.language)}</>}:{' '}
                <span className="signature__status">
                  {t(`lifecycle.verify.statuses.${s.status}`)}
                </span>
                {s.reason && <> — {s.reason}</>}
                {s.location && <> ({s.location})</>}
                {s.status !== 'valid' && (
                  <div className="signature__reason">
                    {t(`lifecycle.verify.reasons.${s.status}`)}
                  </div>
                )}
                {s.certificate && (
                  <div className="signature__certificate">
                    {t('lifecycle.verify.certificate', {
                      subject: s.certificate.subject,
                      issuer: s.certificate.issuer,
                    })}
                  </div>
                )}
                {s.revocation && (
                  <div className="signature__revocation">
                    {t(
                      s.revocation.state === 'good'
                        ? 'lifecycle.verify.revocationGood'
                        : s.revocation.state === 'revoked'
                          ? 'lifecycle.verify.revocationRevoked'
                          : 'lifecycle.verify.revocationUnknown',
                      {
                        source: t(`lifecycle.verify.revocationSources.${s.revocation.source}`),
                        date: formatTime(s.revocation.issuedAt, i18n.language),
                        revokedAt: s.revocation.revokedAt
                          ? formatTime(s.revocation.revokedAt, i18n.language)
                          : '',
                        certificate: s.revocation.certificate,
                      },
                    )}
                  </div>
                )}
                {s.isCertificateValidAtSigning === true && (
                  <div className="signature__validity">
                    {s.isCertificateValidNow
                      ? t('lifecycle.verify.validNow')
                      : t('lifecycle.verify.expiredNow')}
                  </div>
                )}
              </li>
            ))}
          </ol>
          <p>
            {last?.coversWholeFile
              ? t('lifecycle.verify.coversWhole')
              : report.isOnlyDssAfterLast
                ? t('lifecycle.verify.dssAfter')
                : t('lifecycle.verify.notWhole')}{' '}
            {report.isAllValid ? t('lifecycle.verify.allValid') : t('lifecycle.verify.notAllValid')}{' '}
            {report.signatures.some((s) => !s.isRevocationChecked) &&
              t('lifecycle.verify.revocation')}
          </p>
        </>
      )}
    </div>
  );
}
