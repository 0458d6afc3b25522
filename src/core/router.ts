import type { ExportDecisions, ExportFormat, ExportPart, InterviewFilter, InterviewSort, PersonReplacement, SearchHit, Taxonomy, VaultSettings } from '../shared/domain';
import type { BriefFormsRequest, BriefRequest, BriefWriteRequest } from '../shared/brief';
import type { SealRequest } from '../shared/delivery';
import { isOperationName, operationSchemas, type OperationName, type OperationResults } from '../shared/operations';
import { fail, ok, type Result } from '../shared/result';
import { VaultError } from './errors';
import { assessPassphrase, weakPassphraseMessage } from './passphrase/policy';
import type { VaultService } from './service';

/**
 * The passphrase policy at the app's boundary (src/core/passphrase/policy.ts, the same one the CLI and the
 * meter use): a new passphrase must be long and hard enough to guess. The message says why, never what.
 */
function requireStrongPassphrase(passphrase: string, vaultPath: string | null): void {
  const verdict = assessPassphrase(passphrase, vaultPath === null ? [] : [vaultPath]);
  if (!verdict.acceptable) throw new VaultError('weak-passphrase', weakPassphraseMessage(verdict));
}

export type Dispatch = (operation: unknown, payload: unknown) => Promise<Result<unknown>>;

type Handlers = {
  readonly [N in OperationName]: (payload: never) => OperationResults[N] | Promise<OperationResults[N]>;
};

/**
 * Maps operation names to service calls. Transport-free: Electron IPC, the worker and the browser preview all
 * call the same dispatch. Payloads are parsed with the contract's zod schemas here even if the caller already
 * did; every failure comes back as an error value, never as a thrown exception.
 */
export function createRouter(service: VaultService): Dispatch {
  const handlers = {
    'vault.status': () => service.status(),
    'vault.create': (p: { path: string; passphrase: string }) => {
      requireStrongPassphrase(p.passphrase, p.path);
      return service.create(p.path, p.passphrase);
    },
    'vault.unlock': (p: { path: string; passphrase: string; removeForeignObjects?: boolean }) =>
      service.unlock(p.path, p.passphrase, { removeForeignObjects: p.removeForeignObjects === true }),
    'vault.lock': (p: { reason?: 'user' | 'idle' | 'requested' | 'system' }) => {
      service.lock(p.reason);
      return null;
    },
    'vault.changePassphrase': async (p: { current: string; next: string; reencrypt?: boolean }) => {
      const status = service.status();
      if (status.state === 'unlocked') requireStrongPassphrase(p.next, status.path);
      // Re-encrypting everything under a fresh master key is the answer to a passphrase that may be known.
      if (p.reencrypt === true) await service.rekey(p.current, p.next);
      else await service.changePassphrase(p.current, p.next);
      return null;
    },
    'vault.acknowledgeIntegrity': () => service.acknowledgeIntegrity(),
    // Locked or not: the create-vault screen's meter asks while no vault is open.
    'passphrase.assess': (p: { passphrase: string; userInputs?: string[] }) => assessPassphrase(p.passphrase, p.userInputs ?? []),
    'vault.removeDamaged': (p: { id: string }) => service.removeDamagedRecord(p.id),
    'vault.restoreRecord': (p: { id: string }) => service.restoreRecord(p.id),
    'interviews.list': (p: { filter?: InterviewFilter; sort?: InterviewSort }) => service.listInterviews(p.filter, p.sort),
    'interviews.get': (p: { id: string }) => service.getInterview(p.id),
    'interviews.create': (p: { fields: object }) => service.createInterview(p.fields),
    'interviews.update': (p: { id: string; revision: number; fields: object }) => service.updateInterview(p.id, p.revision, p.fields),
    'interviews.delete': (p: { id: string }) => {
      service.deleteInterview(p.id);
      return null;
    },
    'people.list': () => service.listPeople(),
    'people.get': (p: { id: string }) => service.getPerson(p.id),
    'people.create': (p: { fields: object }) => service.createPerson(p.fields),
    'people.update': (p: { id: string; revision: number; fields: object }) => service.updatePerson(p.id, p.revision, p.fields),
    'people.delete': (p: { id: string }) => {
      service.deletePerson(p.id);
      return null;
    },
    'interviews.revisions': (p: { id: string }) => service.revisions(p.id),
    'interviews.revision': (p: { id: string; revisionId: string }) => service.revision(p.id, p.revisionId),
    'interviews.restoreRevision': (p: { id: string; revisionId: string; revision: number }) => service.restoreRevision(p.id, p.revisionId, p.revision),
    'people.interviews': (p: { id: string }) => service.interviewsOf(p.id),
    'search.query': (p: { query: string; limit?: number; kinds?: SearchHit['kind'][]; filter?: InterviewFilter }) =>
      // Register hits only when asked for, or when the researcher chose so in settings: names stay out of view.
      service.search(p.query, p.limit, p.kinds ?? (service.settings().searchIncludesPeople ? ['interview', 'person'] : ['interview']), p.filter),
    'audit.list': () => service.auditLog(),
    'taxonomy.get': () => service.taxonomy(),
    'taxonomy.update': (p: { taxonomy: Taxonomy }) => service.updateTaxonomy(p.taxonomy),
    'settings.get': () => service.settings(),
    'settings.update': (p: { settings: Partial<VaultSettings> }) => service.updateSettings(p.settings),
    'export.review': (p: { interviewId: string; part: ExportPart; personMode: PersonReplacement }) => service.exportReview(p.interviewId, p.part, p.personMode),
    'export.write': (p: { interviewId: string; part: ExportPart; personMode: PersonReplacement; format: ExportFormat; decisions: ExportDecisions; path: string; reviewed?: string }) =>
      service.exportWrite(p.interviewId, p.part, p.personMode, p.format, p.decisions, p.path, p.reviewed),
    'export.forms': (p: { interviewId: string; part: ExportPart; text: string }) => service.exportForms(p.interviewId, p.part, p.text),
    'brief.review': (p: BriefRequest) => service.briefReview(p),
    'brief.forms': (p: BriefFormsRequest) => service.briefForms(p.request, p.text),
    'brief.write': (p: BriefWriteRequest) => service.briefWrite(p),
    'delivery.card': () => service.deliveryCard(),
    'colleagues.list': () => service.listColleagues(),
    'colleagues.add': (p: { card: string; label: string }) => service.addColleague(p.card, p.label),
    'colleagues.check': (p: { card: string }) => service.checkColleagueCard(p.card),
    'colleagues.rename': (p: { id: string; label: string }) => service.renameColleague(p.id, p.label),
    'colleagues.remove': (p: { id: string }) => service.removeColleague(p.id),
    'brief.seal': (p: SealRequest) => service.briefSeal(p),
    'received.open': (p: { path: string }) => service.openReceived(p.path),
    'received.list': () => service.listReceived(),
    'received.get': (p: { id: string }) => service.getReceived(p.id),
    'received.remove': (p: { id: string }) => service.removeReceived(p.id),
    'received.save': (p: { id: string; path: string }) => service.saveReceived(p.id, p.path),
    'backup.create': (p: { path: string }) => service.createBackup(p.path),
    'backup.status': () => service.backupStatus(),
    // Locked or not: the restored vault is verified with its passphrase and closed again; unlock it afterwards.
    'backup.restore': (p: { file: string; path: string; passphrase: string }) => {
      // The restore unlocks the copy it wrote to verify it; the worker that did so is replaced afterwards (its
      // WebAssembly heap may keep key bytes), which would also end an open session: lock first.
      if (service.status().state === 'unlocked') throw new VaultError('invalid-request', 'Lock the open vault before restoring a backup. Nothing was changed.');
      return service.restoreBackup(p.file, p.path, p.passphrase);
    },
    'travel.start': (p: { path: string; includeTags?: string[]; sealTo?: string[]; recoveryCode?: string }) =>
      service.travelStart(p.path, p.includeTags ?? [], p.sealTo ?? [], p.recoveryCode),
    'travel.newCode': () => service.travelNewCode(),
    'travel.end': (p: { path: string; recoveryCode: string }) => service.travelEnd(p.path, p.recoveryCode),
    'travel.status': () => service.travelStatus(),
  } satisfies Handlers;

  return async (operation, payload) => {
    if (!isOperationName(operation)) return fail('unknown-operation', 'Unknown operation.');
    let parsed;
    try {
      parsed = operationSchemas[operation].safeParse(payload ?? {});
    } catch {
      // safeParse only catches validation issues; a payload whose getters or Proxy traps throw lands here.
      return fail('invalid-request', `Invalid request for ${operation}.`);
    }
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
      return fail('invalid-request', `Invalid request for ${operation}${where}: ${first?.message ?? 'malformed'}.`);
    }
    try {
      const handler = handlers[operation] as (p: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (err) {
      if (err instanceof VaultError) return { ok: false, error: err.toValue() };
      // Unexpected failures are reported without their message: it could quote content.
      return fail('internal', `Fieldvault hit an unexpected problem during ${operation}. Nothing was lost; try again.`);
    }
  };
}
