import { userPath } from './paths';
import { forTerminal } from './terminal';
import type { VaultService as Service } from '../core/service';
import { VaultError } from '../core/errors';
import type { ReceivedBrief } from '../shared/delivery';

/**
 * Sealed delivery from the terminal: the vault's card, its colleagues, and opening a bundle into Received.
 * (`fieldvault brief … --seal-to` is in brief.ts.) Keys never reach the terminal; cards and fingerprints are public.
 */

export async function cardCommand(service: Service, json: boolean): Promise<string> {
  const card = await service.deliveryCard();
  if (json) return JSON.stringify(card);
  return `${card.card}\nFingerprint: ${card.fingerprint.join(' ')}\n(Give the card to colleagues; compare the fingerprint words with them by phone.)`;
}

export async function colleaguesAddCommand(service: Service, card: string, label: string, json: boolean): Promise<string> {
  const c = await service.addColleague(card, label);
  if (json) return JSON.stringify(c);
  return `Added colleague "${forTerminal(c.label)}". Fingerprint: ${c.fingerprint.join(' ')}\n(Compare these words with your colleague by phone before sending anything.)`;
}

export async function colleaguesListCommand(service: Service, json: boolean): Promise<string> {
  const list = await service.listColleagues();
  if (json) return JSON.stringify(list);
  if (list.length === 0) return 'No colleagues yet (add one with: fieldvault colleagues add VAULT CARD --label NAME).';
  return list.map((c) => `${forTerminal(c.label)}\t${c.fingerprint.join(' ')}`).join('\n');
}

/** The colleagues' ids for the labels given (comma-separated; case and surrounding spaces do not matter). */
export async function recipientsByLabel(service: Service, labels: readonly string[]): Promise<{ ids: string[]; labels: string[] }> {
  const list = await service.listColleagues();
  const ids: string[] = [];
  const found: string[] = [];
  for (const wanted of labels) {
    const w = wanted.trim().toLocaleLowerCase();
    const c = list.find((x) => x.label.trim().toLocaleLowerCase() === w);
    if (!c) throw new VaultError('not-found', `No colleague "${wanted.trim()}" in this vault (see: fieldvault colleagues list VAULT). Nothing was written.`);
    ids.push(c.id);
    found.push(c.label);
  }
  return { ids, labels: found };
}

export function describeSender(r: ReceivedBrief): string {
  return r.sender.kind === 'known'
    ? `From: ${forTerminal(r.sender.label)} (fingerprint: ${r.sender.fingerprint.join(' ')})`
    : `From: unknown sender (fingerprint: ${r.sender.fingerprint.join(' ')}). No colleague of yours has this card: check with the sender by phone before trusting it.`;
}

export async function openCommand(service: Service, file: string, json: boolean): Promise<string> {
  const r = await service.openReceived(userPath(file, 'source'));
  if (json) return JSON.stringify(r);
  const n = r.meta.interviews;
  return [
    `Filed in Received: "${forTerminal(r.meta.title)}" (${r.meta.format}, ${n} ${n === 1 ? 'interview' : 'interviews'}, ${forTerminal(r.meta.name)}, ${r.size} bytes)`,
    describeSender(r),
  ].join('\n');
}
