/**
 * The Gentofte model meeting (tests/fixtures/gentofte-2017-12-12.referat.json) as the signing
 * tests use it: its file, the participants present (who must all sign), and test-PKI members
 * made once per name. No Node storage or vitest hooks here, so e2e files can import it too.
 */
import path from 'node:path';
import type { TestMember, TestPki } from './testPki';

/** The model meeting's referat.json file. */
export const modelMeetingFile = path.resolve(
  import.meta.dirname,
  '../fixtures/gentofte-2017-12-12.referat.json',
);

/** The names of the participants present at the model meeting, in the fixture's order. */
export const presentAtModelMeeting: readonly string[] = [
  'Kristine Kryger',
  'Michael Fenger',
  'Marianne Zangenberg',
  'Andreas Weidinger',
  'Katja S. Johansen',
];

/** The test-PKI member (certificate and PKCS#12 file) of a person, by name. */
export type MemberFor = (name: string) => TestMember;

/**
 * Answers the member of `pki` named `name`, making their certificate on first use and the
 * same member afterwards: openssl is slow, and a signer must keep one certificate across the
 * signatures of a file.
 */
export function createMemberCache(pki: TestPki): MemberFor {
  const members = new Map<string, TestMember>();
  return (name) => {
    let member = members.get(name);
    if (!member) {
      member = pki.makeMember(name);
      members.set(name, member);
    }
    return member;
  };
}
