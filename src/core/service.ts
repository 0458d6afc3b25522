import type {
  AuditEntry,
  ExportDecisions,
  ExportFormat,
  ExportForms,
  ExportPart,
  ExportResult,
  ExportReview,
  Interview,
  InterviewFields,
  InterviewFilter,
  InterviewRevisionInfo,
  InterviewSort,
  InterviewSummaryRow,
  KdfParams,
  Person,
  PersonFields,
  PersonReplacement,
  SearchHit,
  Taxonomy,
  UnlockReport,
  VaultSettings,
  VaultState,
} from '../shared/domain';
import { WordFormsCache } from './redaction/word-forms';
import type { BriefForms, BriefRequest, BriefResult, BriefReview, BriefWriteRequest } from '../shared/brief';
import type { BackupResult, BackupStatus, RestoreResult } from '../shared/backup';
import type { HeaderWriteHooks } from './vault/header';
import type { UnlockOptions } from './vault/store';
import * as backups from './vault-service/backup';
import * as briefs from './vault-service/brief';
import * as delivery from './vault-service/delivery';
import type { Colleague, DeliveryCard, ReceivedBrief, ReceivedBriefText, ReceivedSaveResult, SealRequest, SealResult } from '../shared/delivery';
import * as exporting from './vault-service/export';
import * as integrity from './vault-service/integrity';
import * as interviews from './vault-service/interviews';
import * as keys from './vault-service/keys';
import * as people from './vault-service/people';
import * as revisions from './vault-service/revisions';
import * as search from './vault-service/search';
import type { LockReasonCode } from './domain/audit-changes';
import { closeSession, requireSession, type Session, type SessionSlot } from './vault-service/session';
import * as settings from './vault-service/settings';
import * as travel from './vault-service/travel';
import * as unlock from './vault-service/unlock';
import type { NewRecoveryCode, TravelEndResult, TravelReissueResult, TravelStartResult, TravelStatus } from '../shared/travel';
import { newRecoveryCode } from './vault/recovery-code';

export interface ServiceOptions {
  /** Key derivation for new vaults; tests use cheaper parameters, the app uses the default. */
  readonly kdf?: KdfParams;
  readonly headerHooks?: HeaderWriteHooks;
  /** Tests: step size of the online backup and a call between its steps. */
  readonly backupHooks?: backups.BackupHooks;
  /** Tests: the recovery code as soon as the travel package is verified (crash tests). */
  readonly travelHooks?: travel.TravelHooks;
  /**
   * Tests only: every vault opens as if its disk were read-only (UnlockOptions.readOnlyMedium). Tests run as root,
   * who can write any file, so a real read-only disk cannot be made there. The app detects the disk instead.
   */
  readonly readOnlyMedium?: boolean;
}

/**
 * The vault as the rest of the app sees it. While unlocked, memory holds interview heads (no notes), the
 * register, the audit log and the search index; notes are decrypted on demand. Unlock loads all of that from
 * the encrypted search cache, re-reads only rows that changed since, and verifies every record in the
 * background. Everything is dropped, and every key zeroed, on lock.
 *
 * A facade: it owns the open session and the export caches, and each method delegates to the module of its
 * domain in vault-service/ (session.ts holds what they share).
 */
export class VaultService {
  private session: Session | null = null;
  /** The session field as the domain modules reach it: unlock installs the session, the background pass checks it. */
  private readonly slot: SessionSlot = {
    get: () => this.session,
    set: (s) => {
      this.session = s;
    },
  };

  constructor(private readonly options: ServiceOptions = {}) {}

  status(): VaultState {
    const s = this.session;
    return s ? { state: 'unlocked', path: s.store.paths.dir, report: s.report } : { state: 'locked' };
  }

  private requireSession(): Session {
    return requireSession(this.slot);
  }

  async create(path: string, passphrase: string): Promise<UnlockReport> {
    return unlock.createVault(this.slot, path, passphrase, this.options.kdf);
  }

  async unlock(path: string, passphrase: string, options: UnlockOptions = {}): Promise<UnlockReport> {
    const report = await unlock.unlockVault(this.slot, path, passphrase, this.options.readOnlyMedium ? { ...options, readOnlyMedium: true } : options);
    // A travel.start cut off before it handed out its code is undone now (vault-service/travel.ts).
    await travel.finishInterrupted(this.slot);
    return this.session?.report ?? report;
  }

  async verify(): Promise<UnlockReport> {
    return unlock.verify(this.slot);
  }

  /** Locks; `reason` (when the caller knows it) goes into the audit log's lock entry. */
  lock(reason?: LockReasonCode): void {
    const s = this.session;
    if (!s) return;
    this.session = null;
    this.redactorCache.clear(); // the compiled register holds every name form
    this.wordForms.clear(); // and these the texts redacted by hand
    closeSession(s, reason);
  }

  // ---- integrity and keys ----

  acknowledgeIntegrity(): UnlockReport {
    return integrity.acknowledgeIntegrity(this.requireSession());
  }

  removeDamagedRecord(id: string): UnlockReport {
    return integrity.removeDamagedRecord(this.requireSession(), id);
  }

  restoreRecord(id: string): UnlockReport {
    return integrity.restoreRecord(this.requireSession(), id);
  }

  async changePassphrase(current: string, next: string): Promise<void> {
    return keys.changePassphrase(this.slot, current, next, this.options.headerHooks, this.options.kdf);
  }

  async rekey(current: string, next: string): Promise<keys.RekeyOutcome> {
    travel.refuseRekeyWhileAway(this.requireSession());
    return keys.rekey(this.slot, current, next, this.options.kdf);
  }

  // ---- interviews ----

  listInterviews(filter?: InterviewFilter, sort?: InterviewSort): InterviewSummaryRow[] {
    return interviews.listInterviews(this.requireSession(), filter, sort);
  }

  getInterview(id: string): Interview {
    return interviews.getInterview(this.requireSession(), id);
  }

  createInterview(fields: Partial<InterviewFields>): Interview {
    return this.createInterviews([fields])[0]!;
  }

  createInterviews(list: readonly Partial<InterviewFields>[]): Interview[] {
    return interviews.createInterviews(this.requireSession(), list);
  }

  updateInterview(id: string, revision: number, fields: Partial<InterviewFields>): Interview {
    return interviews.updateInterview(this.requireSession(), id, revision, fields);
  }

  deleteInterview(id: string): void {
    interviews.deleteInterview(this.requireSession(), id);
  }

  revisions(id: string): InterviewRevisionInfo[] {
    return revisions.revisions(this.requireSession(), id);
  }

  revision(id: string, revisionId: string): Interview {
    return revisions.revision(this.requireSession(), id, revisionId);
  }

  restoreRevision(id: string, revisionId: string, revision: number): Interview {
    return revisions.restoreRevision(this.requireSession(), id, revisionId, revision);
  }

  // ---- taxonomy and settings ----

  taxonomy(): Taxonomy {
    return settings.taxonomy(this.requireSession());
  }

  updateTaxonomy(taxonomy: Taxonomy): Taxonomy {
    return settings.updateTaxonomy(this.requireSession(), taxonomy);
  }

  settings(): VaultSettings {
    return settings.settings(this.requireSession());
  }

  updateSettings(patch: Partial<VaultSettings>): VaultSettings {
    return settings.updateSettings(this.requireSession(), patch);
  }

  // ---- people ----

  listPeople(): Person[] {
    return people.listPeople(this.requireSession());
  }

  getPerson(id: string): Person {
    return people.getPerson(this.requireSession(), id);
  }

  createPerson(fields: Partial<PersonFields>): Person {
    return this.createPeople([fields])[0]!;
  }

  createPeople(list: readonly Partial<PersonFields>[]): Person[] {
    return people.createPeople(this.requireSession(), list);
  }

  updatePerson(id: string, revision: number, fields: Partial<PersonFields>): Person {
    return people.updatePerson(this.requireSession(), id, revision, fields);
  }

  deletePerson(id: string): void {
    people.deletePerson(this.requireSession(), id);
  }

  interviewsOf(personId: string): InterviewSummaryRow[] {
    return people.interviewsOf(this.requireSession(), personId);
  }

  // ---- search and audit ----

  search(query: string, limit = 50, kinds?: readonly SearchHit['kind'][], filter?: InterviewFilter): SearchHit[] {
    return search.search(this.requireSession(), query, limit, kinds, filter);
  }

  auditLog(): readonly AuditEntry[] {
    return integrity.auditLog(this.requireSession());
  }

  // ---- redaction review and export ----

  /** The register compiled for redaction; dropped at lock. */
  private readonly redactorCache = new exporting.RedactorCache();

  /** Texts redacted by hand, compiled for export.forms; cleared at lock. */
  private readonly wordForms = new WordFormsCache();

  exportForms(interviewId: string, part: ExportPart, text: string): ExportForms {
    travel.refuseWhileAway(this.requireSession());
    return exporting.exportForms(this.requireSession(), this.wordForms, interviewId, part, text);
  }

  exportReview(interviewId: string, part: ExportPart, mode: PersonReplacement): ExportReview {
    travel.refuseWhileAway(this.requireSession());
    return exporting.exportReview(this.requireSession(), this.redactorCache, interviewId, part, mode);
  }

  exportWrite(
    interviewId: string,
    part: ExportPart,
    mode: PersonReplacement,
    format: ExportFormat,
    decisions: ExportDecisions,
    path: string,
    reviewed?: string,
  ): ExportResult {
    travel.refuseWhileAway(this.requireSession());
    return exporting.exportWrite(this.requireSession(), this.redactorCache, interviewId, part, mode, format, decisions, path, reviewed);
  }

  // ---- briefs: many interviews in one redacted document ----

  briefReview(request: BriefRequest): BriefReview {
    travel.refuseWhileAway(this.requireSession());
    return briefs.briefReview(this.requireSession(), this.redactorCache, request);
  }

  briefForms(request: BriefRequest, text: string): BriefForms {
    travel.refuseWhileAway(this.requireSession());
    return briefs.briefForms(this.requireSession(), this.redactorCache, this.wordForms, request, text);
  }

  async briefWrite(write: BriefWriteRequest): Promise<BriefResult> {
    travel.refuseWhileAway(this.requireSession());
    return briefs.briefWrite(this.slot, this.redactorCache, write);
  }

  // ---- sealed delivery (vault-service/delivery.ts) ----

  deliveryCard(): Promise<DeliveryCard> {
    return delivery.deliveryCard(this.slot);
  }

  listColleagues(): Promise<Colleague[]> {
    return delivery.listColleagues(this.slot);
  }

  checkColleagueCard(card: string): Promise<{ fingerprint: readonly string[] }> {
    return delivery.checkColleagueCard(this.slot, card);
  }

  addColleague(card: string, label: string): Promise<Colleague> {
    return delivery.addColleague(this.slot, card, label);
  }

  renameColleague(id: string, label: string): Promise<Colleague> {
    return delivery.renameColleague(this.slot, id, label);
  }

  removeColleague(id: string): null {
    return delivery.removeColleague(this.slot, id);
  }

  async briefSeal(request: SealRequest): Promise<SealResult> {
    travel.refuseWhileAway(this.requireSession());
    return delivery.sealBrief(this.slot, this.redactorCache, request);
  }

  openReceived(path: string): Promise<ReceivedBrief> {
    return delivery.openReceived(this.slot, path);
  }

  listReceived(): Promise<ReceivedBrief[]> {
    return delivery.listReceived(this.slot);
  }

  getReceived(id: string): Promise<ReceivedBriefText> {
    return delivery.getReceived(this.slot, id);
  }

  removeReceived(id: string): null {
    return delivery.removeReceived(this.slot, id);
  }

  saveReceived(id: string, path: string): ReceivedSaveResult {
    return delivery.saveReceived(this.slot, id, path);
  }

  // ---- backups (vault-service/backup.ts) ----

  async createBackup(path: string): Promise<BackupResult> {
    return backups.createBackup(this.slot, path, this.options.backupHooks);
  }

  backupStatus(): BackupStatus {
    return backups.backupStatus(this.requireSession());
  }

  /** Works while locked (or with another vault open): the restored vault is opened on its own and closed again. */
  async restoreBackup(file: string, path: string, passphrase: string): Promise<RestoreResult> {
    return backups.restoreBackup(file, path, passphrase);
  }

  // ---- travel mode (vault-service/travel.ts) ----

  /** recoveryCode: one from travelNewCode that the researcher has written down; absent: a new one. */
  async travelStart(path: string, includeTags: readonly string[], sealTo: readonly string[], recoveryCode?: string): Promise<TravelStartResult> {
    return travel.travelStart(this.slot, path, includeTags, sealTo, this.options.travelHooks, recoveryCode);
  }

  /** A colleague's vault: a package sealed to it, written again under a new recovery code (command line only). */
  async travelReissue(packagePath: string, outPath: string): Promise<TravelReissueResult> {
    return travel.travelReissue(this.slot, packagePath, outPath);
  }

  /** A fresh recovery code to write down before travelStart; needs an unlocked vault, changes nothing. */
  travelNewCode(): NewRecoveryCode {
    this.requireSession();
    return { recoveryCode: newRecoveryCode() };
  }

  async travelEnd(path: string, recoveryCode: string): Promise<TravelEndResult> {
    return travel.travelEnd(this.slot, path, recoveryCode);
  }

  travelStatus(): TravelStatus {
    return travel.travelStatus(this.requireSession());
  }
}
