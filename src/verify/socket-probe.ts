/**
 * The LiveView socket from outside: a websocket upgrade of `<socket path>/websocket?vsn=2.0.0` with a
 * given Origin (Phoenix answers 403 when `check_origin` refuses it), and, on an upgraded socket, a
 * `phx_join` of the page's LiveView with the page's own session token and CSRF token — what the
 * browser's LiveSocket does after the first render. Nothing else is sent; the socket is closed
 * right after the reply.
 */
import WebSocket from 'ws';
import { networkError, USER_AGENT } from './http-client.js';
import type { JoinAttempt, UpgradeAttempt } from './types.js';

export interface JoinRequest {
  /** The LiveView container id: the topic is `lv:<id>`. */
  id: string;
  session: string;
  static: string | null;
  csrfToken: string;
  /** The page URL the LiveView was rendered at. */
  pageUrl: string;
}

export interface UpgradeOptions {
  url: string;
  origin: string;
  timeoutMs: number;
  tls: { rejectUnauthorized: false; servername?: string; ca?: string[] };
  /** Cookie header (the session cookie the page just set, as a browser would send it back). */
  cookie?: string;
  join?: JoinRequest;
}

export function probeUpgrade(o: UpgradeOptions): Promise<{ upgrade: UpgradeAttempt; join: JoinAttempt | null }> {
  return new Promise((resolve) => {
    const upgrade: UpgradeAttempt = { url: o.url, origin: o.origin, status: null, statusText: '', headers: {}, error: null };
    let join: JoinAttempt | null = null;
    let settled = false;
    const ws = new WebSocket(o.url, {
      origin: o.origin,
      headers: { 'user-agent': USER_AGENT, ...(o.cookie ? { cookie: o.cookie } : {}) },
      handshakeTimeout: o.timeoutMs,
      followRedirects: false,
      perMessageDeflate: false,
      maxPayload: 1024 * 1024,
      ...o.tls,
    });
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        if (ws.readyState === WebSocket.OPEN) ws.close(1000);
        else ws.terminate();
      } catch {
        // already gone
      }
      resolve({ upgrade, join });
    };
    const timer = setTimeout(() => {
      if (upgrade.status === null && !upgrade.error) upgrade.error = { code: 'ETIMEDOUT', message: `no upgrade answer within ${o.timeoutMs / 1000} s` };
      if (join && !join.reply && !join.failure) join.timedOut = true;
      finish();
    }, o.timeoutMs * (o.join ? 2 : 1));
    ws.on('upgrade', (res) => {
      upgrade.status = res.statusCode ?? 101;
      upgrade.statusText = res.statusMessage ?? '';
      upgrade.headers = flatHeaders(res.headers);
    });
    ws.on('unexpected-response', (req, res) => {
      upgrade.status = res.statusCode ?? null;
      upgrade.statusText = res.statusMessage ?? '';
      upgrade.headers = flatHeaders(res.headers);
      res.resume();
      req.destroy();
      finish();
    });
    ws.on('open', () => {
      if (!o.join) return finish();
      join = sendJoin(ws, o.join);
    });
    ws.on('message', (data) => {
      if (join && joinAnswered(join, data.toString())) finish();
    });
    ws.on('close', (code) => {
      if (join && !join.reply && !join.failure) join.failure = `the socket closed (code ${code}) before a reply`;
      finish();
    });
    ws.on('error', (e) => {
      if (upgrade.status === null && !upgrade.error) upgrade.error = networkError(e);
      finish();
    });
  });
}

/** Joins the page's LiveView over the open socket, as the browser does: the attempt its answers fill in. */
function sendJoin(ws: WebSocket, j: JoinRequest): JoinAttempt {
  const join: JoinAttempt = { topic: `lv:${j.id}`, reply: null, failure: null, timedOut: false };
  const payload = {
    url: j.pageUrl,
    params: { _csrf_token: j.csrfToken, _mounts: 0, _mount_attempts: 0 },
    session: j.session,
    static: j.static,
    sticky: false,
  };
  ws.send(JSON.stringify(['1', '1', join.topic, 'phx_join', payload]));
  return join;
}

/** Records a message of the socket on the join; true when it settles the join (the reply to phx_join, or the channel failing). */
function joinAnswered(join: JoinAttempt, text: string): boolean {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return false;
  }
  if (!Array.isArray(msg) || msg.length !== 5 || msg[2] !== join.topic) return false;
  const ref: unknown = msg[1];
  const event: unknown = msg[3];
  const payload = record(msg[4]);
  if (event === 'phx_reply' && ref === '1') {
    join.reply = { status: String(payload.status ?? ''), response: record(payload.response) };
    return true;
  }
  if (event === 'phx_error' || event === 'phx_close') {
    join.failure = `the channel answered ${event}`;
    return true;
  }
  return false;
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && k !== 'set-cookie') out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** A JSON object's fields (a copy), or {} for anything else. */
function record(x: unknown): Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x)) : {};
}
