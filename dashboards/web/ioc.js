'use strict';
// What every IOC page shares: the signed-in session (bearer token for the API; the server also sets an HttpOnly
// cookie so <img> and <video> can load evidence), the Vietnamese/English toggle, escaping and number formats.
window.IOC = (() => {
  const state = {
    lang: localStorage.getItem('ioc.lang') || 'vi',
    token: sessionStorage.getItem('ioc.token'),
    me: JSON.parse(sessionStorage.getItem('ioc.me') || 'null')
  };
  const onSession = [];
  const onLang = [];
  const $ = id => document.getElementById(id);
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const locale = () => state.lang === 'vi' ? 'vi-VN' : 'en-GB';
  const number = v => v === null || v === undefined ? '–' : new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(v);
  const dateTime = iso => iso ? new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso)) : '–';
  const clock = iso => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));
  const time = iso => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(iso));

  function setSession(token, me) {
    state.token = token;
    state.me = me;
    if (token) {
      sessionStorage.setItem('ioc.token', token);
      sessionStorage.setItem('ioc.me', JSON.stringify(me));
    } else {
      sessionStorage.removeItem('ioc.token');
      sessionStorage.removeItem('ioc.me');
    }
    onSession.forEach(f => f(me));
  }

  /** JSON from the API; a problem answer becomes an Error carrying its status and detail. */
  async function api(path, options = {}) {
    const headers = Object.assign({}, options.headers, state.token ? { Authorization: 'Bearer ' + state.token } : {});
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      options = Object.assign({}, options, { method: options.method || 'POST', body: JSON.stringify(options.json) });
    }
    const r = await fetch(path, Object.assign({}, options, { headers }));
    if (r.status === 401 && state.token) setSession(null, null);
    const type = r.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await r.json() : null;
    if (!r.ok) {
      const e = new Error((body && body.detail) || r.statusText);
      e.status = r.status;
      throw e;
    }
    return body;
  }

  /** A binary answer (an image) with the bearer token, as a Blob for an object URL. */
  async function blob(path) {
    const r = await fetch(path, { headers: state.token ? { Authorization: 'Bearer ' + state.token } : {} });
    if (r.status === 401 && state.token) setSession(null, null);
    if (!r.ok) throw new Error(r.statusText);
    return r.blob();
  }

  async function signIn(username, password) {
    const r = await fetch('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!r.ok) return false;
    const s = await r.json();
    setSession(s.token, { username, role: s.role, unit_codes: s.unit_codes, expires_at: s.expires_at });
    return true;
  }

  async function signOut() {
    if (state.token) {
      try { await fetch('/api/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + state.token } }); } catch (e) { /* offline: the token expires anyway */ }
    }
    setSession(null, null);
  }

  /** Wires a sign-in form (fields username, password; an element [role=alert] for the error). */
  function bindSignIn(form, failedText) {
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const f = new FormData(form);
      const ok = await signIn(f.get('username'), f.get('password'));
      const alert = form.querySelector('[role=alert]');
      if (alert) alert.textContent = ok ? '' : failedText();
      if (ok) form.reset();
    });
  }

  /** Fills [data-i18n] elements from texts[lang]; the toggle button shows the other language. */
  function translate(texts) {
    document.documentElement.lang = state.lang;
    document.querySelectorAll('[data-i18n]').forEach(e => {
      const v = texts[state.lang][e.dataset.i18n];
      if (typeof v === 'string') e.textContent = v;
    });
    document.querySelectorAll('[data-i18n-label]').forEach(e => {
      const v = texts[state.lang][e.dataset.i18nLabel];
      if (typeof v === 'string') e.setAttribute('aria-label', v);
    });
  }

  function bindLanguage(button, texts) {
    const show = () => {
      translate(texts);
      button.textContent = state.lang === 'vi' ? 'EN' : 'VI';
      button.title = state.lang === 'vi' ? 'English' : 'Tiếng Việt';
    };
    button.addEventListener('click', () => {
      state.lang = state.lang === 'vi' ? 'en' : 'vi';
      localStorage.setItem('ioc.lang', state.lang);
      show();
      onLang.forEach(f => f(state.lang));
    });
    show();
  }

  // Words for the domain's codes, in both languages; a symbol goes with each status so colour is never the only cue.
  const LABELS = {
    type: {
      vi: { red_light: 'Vượt đèn đỏ', lane: 'Sai làn', wrong_way: 'Đi ngược chiều', speeding: 'Quá tốc độ (tham khảo)', parking: 'Đỗ xe sai quy định', stopping: 'Dừng xe sai quy định' },
      en: { red_light: 'Red light', lane: 'Wrong lane', wrong_way: 'Wrong way', speeding: 'Speeding (indicative)', parking: 'Illegal parking', stopping: 'Illegal stopping' }
    },
    status: {
      vi: { DETECTED: 'Mới phát hiện', PENDING_REVIEW: 'Chờ xét duyệt', CONFIRMED: 'Đã xác nhận', REJECTED: 'Đã bác bỏ', NOTICE_ISSUED: 'Đã gửi thông báo', CLOSED: 'Đã đóng' },
      en: { DETECTED: 'Detected', PENDING_REVIEW: 'Awaiting review', CONFIRMED: 'Confirmed', REJECTED: 'Rejected', NOTICE_ISSUED: 'Notice issued', CLOSED: 'Closed' }
    },
    camera: {
      vi: { STREAMING: 'Đang truyền', CONNECTING: 'Đang kết nối', STALLED: 'Gián đoạn', FAILED: 'Mất tín hiệu', STOPPED: 'Đã dừng', UNKNOWN: 'Không rõ' },
      en: { STREAMING: 'Streaming', CONNECTING: 'Connecting', STALLED: 'Stalled', FAILED: 'No signal', STOPPED: 'Stopped', UNKNOWN: 'Unknown' }
    },
    vehicle: {
      vi: { car: 'Ô tô', motorbike: 'Xe máy', bus: 'Xe khách', truck: 'Xe tải', bicycle: 'Xe đạp', unknown: 'Chưa rõ' },
      en: { car: 'Car', motorbike: 'Motorbike', bus: 'Bus', truck: 'Truck', bicycle: 'Bicycle', unknown: 'Unknown' }
    }
  };
  const SYMBOL = { DETECTED: '●', PENDING_REVIEW: '◔', CONFIRMED: '✔', REJECTED: '✘', NOTICE_ISSUED: '✉', CLOSED: '■',
    STREAMING: '▶', CONNECTING: '…', STALLED: '⚠', FAILED: '✘', STOPPED: '■', UNKNOWN: '?' };
  const label = (kind, code) => (LABELS[kind][state.lang][String(code || '').toLowerCase()] ?? LABELS[kind][state.lang][code]) || code || '–';
  /** A status as a badge: symbol + words, coloured by its class. */
  const badge = (kind, code) => `<span class="badge ${esc(code)}">${SYMBOL[code] || ''} ${esc(label(kind, code))}</span>`;

  const typing = ev => ev.target.closest && ev.target.closest('input, textarea, select, [contenteditable]');

  return {
    $, esc, label, badge, number, dateTime, time, clock, api, blob, signIn, signOut, bindSignIn, bindLanguage, translate, typing,
    lang: () => state.lang, me: () => state.me, signedIn: () => !!state.token,
    onSession: f => onSession.push(f), onLanguage: f => onLang.push(f)
  };
})();
