/** PAdES signing and verification of PDF files. */
export { signPdf, commonName, type SignPdfOptions } from './signPdf';
export {
  verifyPdf,
  parseCertificates,
  type VerifyPdfOptions,
  type VerifyReport,
  type SignatureReport,
  type SignatureStatus,
} from './verifyPdf';
export { readP12, WRONG_PASSWORD_MESSAGE, type P12Identity } from './p12';
export {
  addRevocationData,
  readDss,
  type RevocationFile,
  type RevocationSummary,
  type AddRevocationResult,
} from './dss';
export { parseRevocation, type RevocationItem } from './revocation';
