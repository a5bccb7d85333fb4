// Types of @anquan/intake (the package is plain ESM; these are its public types).

import type { KeyObject, webcrypto } from 'node:crypto';

type JsonWebKey = webcrypto.JsonWebKey;

import type { IncomingMessage, ServerResponse } from 'node:http';

export type RecordKind = 'report' | 'ledger-record' | 'minor-mode-event' | 'prescreen-decision' | 'unlabelled-copy';

export interface Receipt {
  id: string;
  kind: RecordKind;
  receivedAt: string;
  duplicate?: boolean;
  trackingNumber?: string;
  dueAt?: string;
  /** Reports: the secret the status look-up needs (header Aq-Report-Secret). */
  secret?: string;
  subject?: string;
  ledger?: string;
  chain?: string;
  seq?: number;
  hash?: string;
  keyId: string;
  /** Ed25519 (base64url) over the canonical JSON of the receipt without signature and duplicate. */
  signature: string;
}

export interface StoredRecord {
  seq: number;
  id: string;
  kind: RecordKind;
  subject?: string;
  payload: Record<string, unknown>;
  receipt: Receipt;
  status?: 'received' | 'in-review' | 'decided' | 'closed';
  decision?: Record<string, unknown>;
  /** How many POSTs carried this record (the first and every repeat). */
  deliveries?: number;
  [k: string]: unknown;
}

export interface ChainInfo {
  chain: string;
  ledger: string;
  startedAt: string;
  head: { seq: number; hash: string } | null;
  updatedAt: string;
}

export interface AcceptOp {
  key: string;
  fingerprint: string;
  kind: RecordKind;
  subject?: string;
  body: Record<string, unknown>;
  receipt: Receipt | Record<string, unknown>;
  ledger?: { ledger: string; chain: string; seq: number; prevHash: string; hash: string };
}

export type AcceptResult =
  | { status: 'stored' | 'duplicate'; receipt: Receipt }
  | { status: 'refused'; code: 'idempotency_conflict' | 'chain_gap' | 'chain_rewritten'; message: string; expectedSeq?: number }
  | { status: 'error'; error: Error };

/** What a store implements; SQLite, PostgreSQL and memory pass one contract suite. */
export interface IntakeStore {
  readonly kind: 'sqlite' | 'postgres' | 'memory' | string;
  /** False for stores that forget on restart: the intake then needs `memory: true`. */
  readonly durable: boolean;
  readonly driver?: string;
  /** Accept many records in one transaction where the store can; one result per op, in order. */
  accept(ops: AcceptOp[]): Promise<AcceptResult[]>;
  getReport(trackingNumber: string): Promise<StoredRecord | null>;
  setDecision(trackingNumber: string, status: string, decision?: Record<string, unknown>): Promise<boolean>;
  records(query?: { kind?: RecordKind; after?: number; limit?: number }): Promise<StoredRecord[]>;
  count(kind?: RecordKind): Promise<number>;
  subjectLedger(subject: string): Promise<{ chains: ChainInfo[]; records: StoredRecord[] }>;
  deleteSubject(subject: string, tombstone: { subjectSha256: string; at: string }): Promise<Record<string, number>>;
  prune(cutoffs: Partial<Record<RecordKind, string>>): Promise<Record<string, number>>;
  meta(key: string, create: () => string): Promise<string>;
  /** Guardian passkeys (all three built-in stores; a custom store without it answers passkey routes 404 not_configured). */
  readonly passkeys?: PasskeyStore;
  health(): Promise<boolean>;
  close(): Promise<void>;
}

export interface IntakeLimits {
  bodyBytes: Partial<Record<RecordKind | 'other', number>>;
  depth: number;
  perSecond: number;
  burst: number;
  concurrencyPerClient: number;
  maxInFlight: number;
  maxBufferedBytes: number;
  statusPerMinute: number;
}

export interface IntakeOptions {
  store?: IntakeStore;
  sqlite?: string | SqliteStoreOptions;
  postgres?: string | PostgresStoreOptions;
  /** Keep records in memory only (tests, demos). Never a fallback: without it a store that cannot open stops the intake. */
  memory?: boolean;
  /** @deprecated use `sqlite` */
  dbPath?: string;
  operatorToken?: string;
  complaintDays?: number;
  calendar?: { holidays?: string[]; workdays?: string[]; weekend?: number[]; timeZone?: string };
  limits?: Partial<Omit<IntakeLimits, 'bodyBytes'>> & { bodyBytes?: IntakeLimits['bodyBytes'] };
  /** Days to keep each kind (null keeps for ever); pruned every `pruneEveryMs` (default 1 h; 0 turns the timer off). */
  retentionDays?: Partial<Record<RecordKind, number | null>>;
  pruneEveryMs?: number;
  /** The Ed25519 private key that signs receipts; default one the store keeps (made on first start). */
  signingKey?: string | KeyObject;
  /** Many requests per transaction (default on for SQLite and PostgreSQL). */
  groupCommit?: boolean;
  maxBatch?: number;
  /** The key rate and concurrency limits count by (default the peer address). */
  clientKey?: (req: IncomingMessage) => string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Receives one object per log entry (default: JSON lines on stderr). */
  logger?: (entry: Record<string, unknown>) => void;
  /** Called for every valid record POST (tests count deliveries with it). */
  onRecord?: (idempotencyKey: string, body: Record<string, unknown>) => void;
  /** Test fault injection. */
  faults?: Record<string, unknown>;
  /** Guardian passkeys (routes /v1/passkeys/…); without it those routes answer 404 not_configured. */
  passkeys?: PasskeyOptions;
}

/** A guardian passkey as stored per subject (the public key is COSE, base64url). */
export interface PasskeyCredential {
  id: string;
  subject: string;
  publicKey: string;
  counter: number;
  transports: string[];
  /** How the host proved the guardian at registration: `host-token` or `host-verifier`. */
  proof: string;
  createdAt: string;
  usedAt: string | null;
}

export interface PasskeyChallenge {
  id: string;
  subject: string;
  purpose: 'registration' | 'authentication' | 'guardian-token';
  data: Record<string, unknown>;
  expiresAt: string;
}

export interface PasskeyStore {
  putChallenge(c: PasskeyChallenge): Promise<void>;
  /** Delete and return the challenge (single use); null when unknown or already taken. */
  takeChallenge(id: string): Promise<PasskeyChallenge | null>;
  /** False when the credential id exists. */
  addCredential(c: Omit<PasskeyCredential, 'usedAt'>): Promise<boolean>;
  credential(id: string): Promise<PasskeyCredential | null>;
  credentials(subject: string): Promise<PasskeyCredential[]>;
  /** Move the counter from `from` to `to`; false when it was no longer `from`. */
  setCounter(id: string, from: number, to: number, at: string): Promise<boolean>;
}

export type PasskeyPurpose = 'exit' | 'settings' | 'change' | 'reset' | 'unlock' | 'purchase' | 'consent' | 'verify' | 'setup';

export interface PasskeyOptions {
  /** The relying party id: the site's registrable domain (e.g. `example.cn`; `localhost` in development). */
  rpID: string;
  rpName?: string;
  /** The page origin(s) the browser reports, e.g. `https://example.cn` (no path). */
  origin: string | string[];
  /**
   * The host's proof that it verified the guardian (its own session after an SMS code, an account
   * login): true lets this request ask for registration options. Without it (and without a guardian
   * token from `issueGuardianToken`) registration is refused.
   */
  verifyGuardian?: (req: IncomingMessage, info: { subject: string }) => boolean | Promise<boolean>;
  /** The user name the authenticator shows (default `guardian`). */
  userName?: (subject: string) => string;
  /** Default 120 s. */
  challengeTtlMs?: number;
  /** How long a verdict is valid (default 300 s). */
  verdictTtlMs?: number;
  /** How long a guardian token is valid (default 600 s). */
  guardianTokenTtlMs?: number;
}

/** The signed answer to a verified guardian passkey assertion. */
export interface GuardianVerdict {
  v: 1;
  type: 'guardian-verdict';
  channel: 'passkey';
  level: 'guardian';
  subject: string;
  purpose: PasskeyPurpose;
  credentialId: string;
  verifiedAt: string;
  expiresAt: string;
  nonce: string;
  keyId: string;
}

export interface SubjectConsent {
  subject: string;
  chains: number;
  purposes: Record<string, { granted: boolean; noticeVersion?: string; time: string; receivedAt: string; chain: string; seq: number }>;
}

export interface Intake {
  /** Answer one request; resolves false (nothing sent) when the path is not the intake's. */
  handle(req: IncomingMessage, res: ServerResponse, path?: string): Promise<boolean>;
  readonly store: IntakeStore;
  readonly faults: Record<string, unknown>;
  readonly stats: Record<string, number>;
  readonly limits: IntakeLimits;
  readonly keyId: string;
  readonly publicKey: JsonWebKey;
  decide(trackingNumber: string, input: unknown): Promise<Record<string, unknown> | string | null>;
  consentState(subject: string): Promise<SubjectConsent>;
  prune(now?: Date): Promise<Record<string, number>>;
  readonly passkeys: {
    readonly configured: boolean;
    /** After the host's server verified the guardian itself: a one-time token that lets the page register one guardian passkey for `subject`. */
    issueGuardianToken(subject: string): Promise<string>;
    credentials(subject: string): Promise<Omit<PasskeyCredential, 'publicKey'>[]>;
    /** A verdict token the page passed on: the verdict, or null (forged, expired, another subject or purpose). */
    checkVerdict(token: string, expect?: { subject?: string; purpose?: PasskeyPurpose }): GuardianVerdict | null;
  };
  close(): Promise<void>;
}

export interface SqliteStoreOptions {
  path: string;
  driver?: 'node:sqlite' | 'better-sqlite3';
  synchronous?: 'FULL' | 'EXTRA' | 'NORMAL';
}
export interface PostgresStoreOptions {
  connectionString?: string;
  pool?: unknown;
  max?: number;
  connectTimeoutMs?: number;
}

export function createIntake(options?: IntakeOptions): Promise<Intake>;
export function createSqliteStore(options: SqliteStoreOptions | string): Promise<IntakeStore & { db: unknown; path: string }>;
export function createPostgresStore(options?: PostgresStoreOptions): Promise<IntakeStore & { pool: unknown }>;
export function createMemoryStore(): IntakeStore;
export function sqliteDriver(preferred?: 'node:sqlite' | 'better-sqlite3'): Promise<{ name: string; open(path: string): unknown } | null>;

type Source = IntakeOptions | Intake | Promise<Intake>;
type Lazy = { intake: () => Promise<Intake> };
export function intakeHandler(
  source?: Source,
  mount?: { prefix?: string },
): ((req: IncomingMessage, res: ServerResponse) => Promise<void>) & Lazy;
export function intakeMiddleware(
  source?: Source,
  mount?: { prefix?: string },
): ((req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void) & Lazy;
export function intakeKoa(
  source?: Source,
  mount?: { prefix?: string },
): ((ctx: unknown, next: () => Promise<unknown>) => Promise<unknown>) & Lazy;
export function intakeFastify(fastify: unknown, opts?: { prefix?: string; intake?: Source }): Promise<void>;
export function intakeVite(
  source?: Source,
  mount?: { prefix?: string },
): {
  name: string;
  configureServer(server: unknown): void;
  configurePreviewServer(server: unknown): void;
  readonly intake?: () => Promise<Intake>;
};

export function verifyReceipt(receipt: Receipt, jwk: JsonWebKey): boolean;
/** Check a guardian verdict with the intake's public key (GET /v1/receipt-key → jwk). */
export function verifyGuardianVerdict(
  token: string,
  jwk: JsonWebKey,
  expect?: { subject?: string; purpose?: PasskeyPurpose },
): GuardianVerdict | null;
export const PASSKEY_PURPOSES: readonly PasskeyPurpose[];
export function receiptPayload(receipt: Receipt | Record<string, unknown>): string;
export function canonicalJson(value: unknown): string;
export function ledgerHash(record: Record<string, unknown>): string;
export function fingerprint(body: Record<string, unknown>): string;
export function createValidator(doc: unknown): { validate(name: string, value: unknown): string | null };
export function jsonDepth(text: string, max: number): number;

export const contract: Record<string, unknown>;
export const ROUTES: Record<string, { schema: string; kind: RecordKind }>;
export const KINDS: RecordKind[];
export const DEFAULT_LIMITS: Readonly<IntakeLimits>;
export const DEFAULT_RETENTION_DAYS: Readonly<Record<RecordKind, number>>;

export interface WorkingCalendar {
  holidays?: readonly string[];
  workdays?: readonly string[];
  weekend?: readonly number[];
  timeZone?: string;
}
export function addWorkingDays(from: Date, days: number, calendar?: WorkingCalendar): Date;
export function workingDaysBetween(from: Date, to: Date, calendar?: WorkingCalendar): number;
export function isWorkingDay(date: string, calendar?: WorkingCalendar): boolean;
export function calendarProblem(calendar?: WorkingCalendar): string | null;
export const CN_2025: Readonly<WorkingCalendar>;
