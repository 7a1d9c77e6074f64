'use strict';
// Live wall: camera list from /api/cameras, live counts from the SSE stream /api/live, new violations from
// /api/live/violations (the browser resumes it with Last-Event-ID after a drop, so none is missed).
const STATE_VI = { STREAMING: 'Đang truyền', CONNECTING: 'Đang kết nối', STALLED: 'Gián đoạn', FAILED: 'Mất tín hiệu', STOPPED: 'Đã dừng', UNKNOWN: 'Không rõ' };
const rows = new Map();
const tbody = document.querySelector('#cameras tbody');
const conn = document.getElementById('conn');
const fmt = new Intl.NumberFormat('vi-VN');

function cell(cls) { const td = document.createElement('td'); if (cls) td.className = cls; return td; }

function rowFor(cam) {
  let r = rows.get(cam.id);
  if (r) return r;
  const tr = document.createElement('tr');
  tr.dataset.camera = cam.id;
  r = { tr, name: cell(), unit: cell(), state: cell(), minute: cell('num big'), hour: cell('num'), today: cell('num'), spark: cell() };
  [r.name, r.unit, r.state, r.minute, r.hour, r.today, r.spark].forEach(td => tr.appendChild(td));
  r.minute.dataset.field = 'this_minute';
  r.hour.dataset.field = 'last_hour';
  tbody.appendChild(tr);
  rows.set(cam.id, r);
  return r;
}

function showState(r, status) {
  const s = (status && status.state) || 'UNKNOWN';
  r.state.innerHTML = '';
  const span = document.createElement('span');
  span.className = 'state ' + s;
  span.textContent = STATE_VI[s] || s;
  if (status && status.last_error) span.title = status.last_error;
  r.state.appendChild(span);
}

function sparkline(recent) {
  const perMinute = new Map();
  for (const p of recent) perMinute.set(p.bucket, (perMinute.get(p.bucket) || 0) + p.n);
  const now = Date.now();
  const values = [];
  for (let i = 14; i >= 0; i--) {
    const t = new Date(Math.floor(now / 60000) * 60000 - i * 60000);
    let v = 0;
    for (const [k, n] of perMinute) if (Math.abs(Date.parse(k) - t.getTime()) < 1000) v = n;
    values.push(v);
  }
  const max = Math.max(1, ...values);
  const bars = values.map((v, i) => `<rect x="${i * 8}" y="${30 - 30 * v / max}" width="6" height="${30 * v / max}"><title>${v}</title></rect>`).join('');
  return `<svg class="spark" width="120" height="30" viewBox="0 0 120 30" role="img" aria-label="lưu lượng 15 phút">${bars}</svg>`;
}

fetch('/api/cameras').then(r => r.json()).then(cams => {
  for (const c of cams) {
    const r = rowFor(c);
    r.name.textContent = c.name;
    r.unit.textContent = c.unit_code;
    r.hour.textContent = fmt.format(c.passages_last_hour);
    showState(r, c.status);
  }
});

function connect() {
  const es = new EventSource('/api/live');
  es.onopen = () => { conn.textContent = 'Trực tiếp'; conn.className = 'conn on'; };
  es.onerror = () => { conn.textContent = 'Mất kết nối — đang thử lại'; conn.className = 'conn off'; };
  es.addEventListener('flow', ev => {
    const data = JSON.parse(ev.data);
    for (const c of data.cameras) {
      const r = rowFor(c);
      r.minute.textContent = fmt.format(c.this_minute);
      r.hour.textContent = fmt.format(c.last_hour);
      r.today.textContent = fmt.format(c.today);
      r.spark.innerHTML = sparkline(c.recent);
      showState(r, c.status);
    }
  });
}
connect();

const TYPE_VI = { RED_LIGHT: 'Vượt đèn đỏ', LANE: 'Sai làn', WRONG_WAY: 'Đi ngược chiều', SPEEDING: 'Quá tốc độ (tham khảo)' };
const feed = document.getElementById('violations');
const timeFmt = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' });

function connectViolations() {
  const es = new EventSource('/api/live/violations');
  es.addEventListener('violation', ev => {
    const v = JSON.parse(ev.data);
    const li = document.createElement('li');
    li.dataset.caseId = v.case_id;
    li.className = 'violation ' + v.type;
    li.innerHTML = '<time></time> <strong></strong> <span></span>';
    li.querySelector('time').textContent = timeFmt.format(new Date(v.occurred_at));
    li.querySelector('strong').textContent = TYPE_VI[v.type] || v.type;
    li.querySelector('span').textContent = '— ' + (v.camera_name || v.camera_id) + (v.has_evidence ? ' · có hồ sơ chứng cứ' : '');
    feed.prepend(li);
    while (feed.children.length > 50) feed.lastElementChild.remove();
  });
}
if (feed) connectViolations();
