import { userPath } from './paths';
import { forTerminal } from './terminal';
import type { TravelEndResult, TravelReissueResult, TravelStartResult, TravelStatus } from '../shared/travel';
import type { VaultService } from '../core/service';
import { VaultError } from '../core/errors';
import { promptHidden } from './passphrase';

/**
 * `fieldvault travel start|end|status`. The recovery code is printed once by travel start and never kept; travel
 * end reads it from FIELDVAULT_RECOVERY_CODE or a prompt with echo off (never as an argument: shell history).
 */

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const counts = (c: TravelStartResult['moved']) =>
  `${plural(c.people, 'person', 'people')}, ${plural(c.interviews, 'interview', 'interviews')} (${plural(c.records, 'record', 'records')} in all)`;

export function describeTravelStart(r: TravelStartResult, json: boolean): string {
  if (json) return JSON.stringify({ recoveryCode: r.recoveryCode, package: r.package, moved: r.moved });
  const words = r.recoveryCode.split(' ');
  return [
    `The register left the vault: ${counts(r.moved)} are in ${r.package}`,
    r.sealedTo.length ? `The package can also be opened by: ${r.sealedTo.map(forTerminal).join(', ')}.` : '',
    '',
    'Recovery code (write it down now: it is shown only this once and is kept nowhere on this laptop):',
    '',
    `    ${words.slice(0, 6).join(' ')}`,
    `    ${words.slice(6).join(' ')}`,
    '',
    'Leave the code with a colleague or at home, apart from the package. "fieldvault travel end" needs the',
    "package, this code and the vault's passphrase. Nothing of what left remains in the vault's files.",
  ]
    .filter((l, i) => l !== '' || i !== 1)
    .join('\n');
}

/** Runs inside the CLI's withVault (unlocked and fully verified first). Colleagues are named by their labels. */
export async function travelStartCommand(service: VaultService, out: string, includeTags: readonly string[], sealTo: readonly string[], json: boolean): Promise<string> {
  const ids: string[] = [];
  if (sealTo.length > 0) {
    const colleagues = await service.listColleagues();
    for (const label of sealTo) {
      const c = colleagues.find((x) => x.label.trim().toLocaleLowerCase() === label.trim().toLocaleLowerCase());
      if (!c) throw new VaultError('not-found', `No colleague called "${label}" in this vault (see "fieldvault colleagues list"). Nothing left the vault.`);
      ids.push(c.id);
    }
  }
  return describeTravelStart(await service.travelStart(userPath(out, 'travel'), includeTags, ids), json);
}

export function describeTravelReissue(r: TravelReissueResult, json: boolean): string {
  if (json) return JSON.stringify({ recoveryCode: r.recoveryCode, package: r.package, moved: r.moved });
  const words = r.recoveryCode.split(' ');
  return [
    `A new package with the same contents (${counts(r.moved)}, still encrypted for the researcher's vault only) is in ${r.package}`,
    '',
    'Its new recovery code (give it to the researcher by a safe way; it is shown only this once):',
    '',
    `    ${words.slice(0, 6).join(' ')}`,
    `    ${words.slice(6).join(' ')}`,
    '',
    'The researcher brings the register back with "fieldvault travel end", this new package and this code.',
  ].join('\n');
}

export function describeTravelEnd(r: TravelEndResult, json: boolean): string {
  if (json) return JSON.stringify(r);
  return [
    `Travel ended: ${counts(r.returned)} are back in the vault, every record authenticated; away since ${r.startedAt}.`,
    r.conflicts ? `${plural(r.conflicts, 'record was', 'records were')} already in the vault again and kept as the vault has them.` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function describeTravelStatus(r: TravelStatus, json: boolean): string {
  if (json) return JSON.stringify(r);
  if (r.state === 'home') return 'The register is at home (no travel in progress).';
  return [
    `The register is away since ${r.since}: ${counts(r.moved)}.`,
    r.includeTags.length ? `  interviews tagged: ${r.includeTags.map(forTerminal).join(', ')}` : '',
    r.awayCodes.length ? `  people away: ${r.awayCodes.join(', ')}` : '',
    r.sealedTo.length ? `  package also opens for: ${r.sealedTo.map(forTerminal).join(', ')}` : '',
    'Exports and briefs are off until "fieldvault travel end".',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The code from FIELDVAULT_RECOVERY_CODE (automation) or a prompt with echo off. */
export async function readRecoveryCode(): Promise<string> {
  const fromEnv = process.env.FIELDVAULT_RECOVERY_CODE;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new VaultError('invalid-request', 'No recovery code: set FIELDVAULT_RECOVERY_CODE or run in a terminal to be asked.');
  }
  return promptHidden('Recovery code (12 words): ');
}
