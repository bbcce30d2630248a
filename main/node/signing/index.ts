/** PAdES signing and verification of PDF files. */
export { signPdf, commonName, type SignPdfOptions } from './signPdf.js';
export {
  verifyPdf,
  parseCertificates,
  type VerifyPdfOptions,
  type VerifyReport,
  type SignatureReport,
  type SignatureStatus,
} from './verifyPdf.js';
export { readP12, WRONG_PASSWORD_MESSAGE, type P12Identity } from './p12.js';
