/**
 * The team's FHIR R4 server, seen from the app: its settings (kept in IndexedDB), the SMART
 * sign-in through fhirclient (standalone and EHR launch), the live connection of this tab, and
 * automatic sync of linked cases (after a save, when the browser comes back online, and every
 * 15 s). Without a server nothing here runs and the app works as before.
 *
 * fhirclient keeps the SMART session of the tab in sessionStorage, so a reload stays signed in
 * and closing the tab signs out.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { liveQuery } from 'dexie';
import { appDb, type SyncRecord } from '../storage/db.ts';
import {
  readEhrContext,
  syncAll,
  type FhirConnection,
  type SyncOutcome,
} from '../storage/fhirSync.ts';
import type { EhrCondition, EhrPatient } from '../../models/clinical/ehrContext.ts';

export const TEAM_SETTINGS_KEY = 'teamServer';
export const DEFAULT_CLIENT_ID = 'neuromod-planner';
/** SMART App Launch 2 scopes: the signed-in user's identity and read/write on what they may see */
export const STANDALONE_SCOPE = 'openid fhirUser profile user/*.*';
export const EHR_SCOPE = 'launch openid fhirUser profile patient/*.* user/*.*';
export const SYNC_EVERY_MS = 15_000;

export interface TeamSettings {
  /** FHIR base URL */
  base: string;
  clientId: string;
  /** open server: no sign-in */
  open?: boolean;
}

export interface TeamState {
  settings: TeamSettings | null;
  conn: FhirConnection | null;
  status: 'off' | 'starting' | 'connected' | 'refused' | 'error';
  message: string;
  /** an EHR launch's patient (`Patient/<id>`) and what the EHR holds on them */
  ehr: { patient: string; resource: EhrPatient; conditions: EhrCondition[] } | null;
  lastSync: { at: number; outcomes: Record<string, SyncOutcome> } | null;
  syncing: boolean;
}

let state: TeamState = {
  settings: null,
  conn: null,
  status: 'off',
  message: '',
  ehr: null,
  lastSync: null,
  syncing: false,
};
const listeners = new Set<() => void>();
function set(patch: Partial<TeamState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}
export function teamState(): TeamState {
  return state;
}
export function useTeamState(): TeamState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** Checks a FHIR base URL typed by the user; returns the message naming what is wrong. */
export function checkBaseUrl(
  text: string,
): { ok: true; base: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, message: 'FHIR base URL: not a URL (e.g. https://fhir.example.org/fhir).' };
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && /^(127\.0\.0\.1|localhost|\[::1\])$/.test(url.hostname))
  )
    return {
      ok: false,
      message: 'FHIR base URL: must use https (plain http only on this machine).',
    };
  if (url.search || url.hash) return { ok: false, message: 'FHIR base URL: no query or fragment.' };
  return { ok: true, base: url.toString().replace(/\/$/, '') };
}

/**
 * Whether this build's Content-Security-Policy lets the app call the server (connect-src): the
 * app's own origin always; other origins only when listed at build time (README "Team server").
 */
export function allowedByPolicy(base: string): boolean {
  const meta = document.querySelector<HTMLMetaElement>(
    'meta[http-equiv="Content-Security-Policy"]',
  );
  if (!meta) return true;
  const connect =
    /(?:^|;)\s*connect-src([^;]*)/.exec(meta.content)?.[1]?.trim().split(/\s+/) ?? null;
  if (!connect) return true;
  const origin = new URL(base).origin;
  return connect.some(
    (s) =>
      s === '*' ||
      (s === "'self'" && origin === window.location.origin) ||
      s.replace(/\/$/, '') === origin,
  );
}

export async function loadTeamSettings(): Promise<TeamSettings | null> {
  const r = await appDb().settings.get(TEAM_SETTINGS_KEY);
  return (r?.value as TeamSettings | undefined) ?? null;
}

export async function saveTeamSettings(s: TeamSettings | null): Promise<void> {
  if (s) await appDb().settings.put({ key: TEAM_SETTINGS_KEY, value: s });
  else await appDb().settings.delete(TEAM_SETTINGS_KEY);
  set({ settings: s });
}

/** Where the SMART authorization server sends the browser back: the Patients area. */
export function redirectUri(): string {
  return new URL(`${import.meta.env.BASE_URL}patients`, window.location.origin).toString();
}

async function fhirclient() {
  return (await import('fhirclient')).default;
}

/** Standalone launch: to the authorization server's sign-in page and back. */
export async function signIn(settings: TeamSettings): Promise<void> {
  await saveTeamSettings(settings);
  set({ status: 'starting', message: `Signing in at ${settings.base}…` });
  try {
    const FHIR = await fhirclient();
    await FHIR.oauth2.authorize({
      iss: settings.base,
      clientId: settings.clientId,
      scope: STANDALONE_SCOPE,
      redirectUri: redirectUri(),
      pkceMode: 'required',
    });
  } catch (e) {
    set({ status: 'error', message: `Sign-in could not start: ${(e as Error).message}` });
  }
}

/** An open server (no authorization): only for test and demo servers. */
export async function connectOpen(settings: TeamSettings): Promise<void> {
  await saveTeamSettings({ ...settings, open: true });
  set({
    conn: { base: settings.base, token: null, user: { display: 'this browser' } },
    status: 'connected',
    message: `Connected to ${settings.base} (open server, no sign-in).`,
  });
  void syncNow();
}

export function signOut(): void {
  // fhirclient: SMART_KEY names the entry that holds this tab's session (tokens included)
  try {
    const key = JSON.parse(sessionStorage.getItem('SMART_KEY') ?? 'null') as unknown;
    if (typeof key === 'string') sessionStorage.removeItem(key);
  } catch {
    /* an unreadable key: nothing else to remove */
  }
  sessionStorage.removeItem('SMART_KEY');
  set({
    conn: null,
    status: 'off',
    message: 'Signed out. Local cases stay in this browser.',
    ehr: null,
  });
}

type SmartClient = Awaited<ReturnType<Awaited<ReturnType<typeof fhirclient>>['oauth2']['ready']>>;

async function connectFrom(client: SmartClient): Promise<void> {
  const token = client.state.tokenResponse?.access_token ?? null;
  const idToken = client.getIdToken() as { name?: string; fhirUser?: string; sub?: string } | null;
  const fhirUser = client.getFhirUser() ?? idToken?.fhirUser;
  const display = idToken?.name ?? fhirUser ?? idToken?.sub ?? 'signed-in user';
  const conn: FhirConnection = {
    base: client.state.serverUrl.replace(/\/$/, ''),
    token,
    user: { reference: fhirUser, display },
  };
  const settings = state.settings ?? {
    base: conn.base,
    clientId: client.state.clientId ?? DEFAULT_CLIENT_ID,
  };
  set({ conn, settings, status: 'connected', message: `Signed in at ${conn.base} as ${display}.` });
  const patientId = client.patient.id;
  if (patientId) {
    try {
      const ctx = await readEhrContext(conn, String(patientId));
      set({
        ehr: { patient: `Patient/${patientId}`, resource: ctx.patient, conditions: ctx.conditions },
      });
    } catch (e) {
      set({ message: `Signed in, but the EHR patient could not be read: ${(e as Error).message}` });
    }
  }
  void syncNow();
}

let started = false;
/**
 * Runs once per page: finishes a SMART redirect (`code` and `state` in the URL), starts an EHR
 * launch (`iss` and `launch`), or restores this tab's session.
 */
export async function startTeamSession(): Promise<void> {
  if (started) return;
  started = true;
  const settings = await loadTeamSettings();
  set({ settings });
  const q = new URLSearchParams(window.location.search);
  const clean = () =>
    window.history.replaceState(
      window.history.state,
      '',
      window.location.pathname + window.location.hash,
    );
  try {
    if (q.has('iss') && q.has('launch')) {
      const check = checkBaseUrl(q.get('iss')!);
      if (!check.ok) {
        set({ status: 'error', message: `EHR launch refused: ${check.message}` });
        clean();
        return;
      }
      set({ status: 'starting', message: `EHR launch from ${check.base}…` });
      const FHIR = await fhirclient();
      await saveTeamSettings({
        base: check.base,
        clientId: settings?.clientId ?? DEFAULT_CLIENT_ID,
      });
      await FHIR.oauth2.authorize({
        iss: check.base,
        launch: q.get('launch')!,
        clientId: settings?.clientId ?? DEFAULT_CLIENT_ID,
        scope: EHR_SCOPE,
        redirectUri: redirectUri(),
        pkceMode: 'required',
      });
      return;
    }
    if (q.has('code') && q.has('state')) {
      set({ status: 'starting', message: 'Finishing sign-in…' });
      const FHIR = await fhirclient();
      const client = await FHIR.oauth2.ready();
      clean();
      await connectFrom(client);
      return;
    }
    if (q.has('error')) {
      set({
        status: 'error',
        message: `Sign-in refused by the server: ${q.get('error_description') ?? q.get('error')}`,
      });
      clean();
      return;
    }
    if (sessionStorage.getItem('SMART_KEY')) {
      const FHIR = await fhirclient();
      const client = await FHIR.oauth2.ready();
      await connectFrom(client);
      return;
    }
    if (settings?.open) await connectOpen(settings);
  } catch (e) {
    clean();
    set({ status: 'error', conn: null, message: `Sign-in failed: ${(e as Error).message}` });
  }
}

/** Syncs every linked case now (one run at a time). */
export async function syncNow(): Promise<void> {
  const conn = state.conn;
  if (!conn || state.syncing) return;
  set({ syncing: true });
  try {
    const outcomes = await syncAll(conn);
    const refused = Object.values(outcomes).find((o) => o.state === 'refused');
    set({
      lastSync: { at: Date.now(), outcomes },
      ...(refused ? { status: 'refused' as const, message: refused.message } : {}),
    });
  } finally {
    set({ syncing: false });
  }
}

/**
 * Keeps linked cases in step while the Patients area is open: after a local save (a linked
 * case's revision goes past its synced one), when the browser is back online, and every 15 s.
 */
export function useTeamSync(): void {
  const { conn } = useTeamState();
  useEffect(() => {
    void startTeamSession();
  }, []);
  useEffect(() => {
    if (!conn) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void syncNow(), 800);
    };
    const every = setInterval(() => void syncNow(), SYNC_EVERY_MS);
    window.addEventListener('online', soon);
    const db = appDb();
    const sub = liveQuery(async () => {
      const links = await db.sync.toArray();
      const dirty: string[] = [];
      for (const l of links) {
        const c = await db.cases.get(l.caseId);
        if (c && c.revision > l.syncedRevision && l.state !== 'conflict' && l.state !== 'refused')
          dirty.push(l.caseId);
      }
      return dirty.join(',');
    }).subscribe((dirty) => {
      if (dirty) soon();
    });
    return () => {
      clearTimeout(timer);
      clearInterval(every);
      window.removeEventListener('online', soon);
      sub.unsubscribe();
    };
  }, [conn]);
}

/** The sync records of every linked case, live. */
export function useSyncRecords(): Map<string, SyncRecord> {
  const [map, setMap] = useState<Map<string, SyncRecord>>(() => new Map());
  useEffect(() => {
    const sub = liveQuery(() => appDb().sync.toArray()).subscribe((rows) =>
      setMap(new Map(rows.map((r) => [r.caseId, r]))),
    );
    return () => sub.unsubscribe();
  }, [setMap]);
  return map;
}
