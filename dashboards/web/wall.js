'use strict';
// Live wall: a tile per camera (latest frame, health, counts, an hour of flow by class, congestion), alerts for
// stalled cameras and congested junctions, and new violations from /api/live/violations (the browser resumes that
// stream with Last-Event-ID after a drop, so none is missed). Frames and thumbnails need a signed-in operator.
const { $, esc, label, badge } = IOC;

const TEXT = {
  vi: {
    sub: 'Trung tâm điều hành thông minh — Giám sát lưu lượng trực tiếp', desk: 'Xét duyệt vi phạm', map: 'Bản đồ thực thi thể chế',
    signin: 'Đăng nhập', signout: 'Đăng xuất', signinWhy: 'Đăng nhập để xem hình ảnh camera', user: 'Tên đăng nhập', password: 'Mật khẩu',
    loginFailed: 'Sai tên đăng nhập hoặc mật khẩu', alerts: 'Cảnh báo', cameras: 'Camera và lưu lượng theo nút giao', violations: 'Vi phạm mới',
    note: 'Số lượt xe qua vạch đếm, tổng hợp theo phút (giờ sự kiện). Cập nhật tự động.',
    live: 'Trực tiếp', lost: 'Mất kết nối — đang thử lại', connecting: 'Đang kết nối…',
    thisMinute: 'Phút hiện tại', lastHour: '60 phút qua', today: 'Hôm nay', noFrame: 'Đăng nhập để xem hình camera',
    frameMissing: 'Chưa có hình', chart: 'Lưu lượng 60 phút qua theo loại xe', perMinute: 'xe/phút', noAlerts: '✔ Không có cảnh báo',
    congested: (since, m, peak) => `⛔ Ùn tắc từ ${since} (${m} phút, đến ${peak} xe trong khung hình)`,
    cameraDown: (state, err) => `⚠ Camera ${state.toLowerCase()}${err ? ': ' + err : ''}`, evidence: 'có hồ sơ chứng cứ', vehicles: 'xe',
    figures: 'Răn đe và loại phương tiện vi phạm',
    deterrenceTitle: 'Vượt đèn đỏ mỗi camera mỗi ngày, trước và sau thông báo phạt nguội đầu tiên',
    deterrenceNote: 'Đường dọc: ngày ra thông báo đầu tiên tại camera (không tính vào trước hay sau). 60 ngày qua, số vi phạm phát hiện.',
    classesTitle: 'Vi phạm theo loại phương tiện (30 ngày qua)', perDay: 'vi phạm/ngày', firstNotice: 'Thông báo đầu tiên',
    deterrence: (before, after, change, n) => `Trước: ${before} → sau: ${after} vi phạm/camera/ngày (${change}, ${n} camera)`,
    noDeterrence: 'Chưa có camera nào có số liệu trước và sau thông báo đầu tiên', noClasses: 'Chưa có vi phạm trong 30 ngày qua',
    reportLate: (cat, unit, agency, days) => `⚠ Phản ánh quá hạn: ${cat} — ${unit} — ${agency}${days ? ` (trễ ${days} ngày làm việc)` : ''}`,
    reports: 'Phản ánh hiện trường', route: 'Truy vết lộ trình', unknownUnit: 'chưa rõ địa bàn', noAgency: 'chưa giao đơn vị'
  },
  en: {
    sub: 'Intelligent Operation Centre — live traffic flow', desk: 'Review desk', map: 'Institutional performance map',
    signin: 'Sign in', signout: 'Sign out', signinWhy: 'Sign in to see camera frames', user: 'User name', password: 'Password',
    loginFailed: 'Wrong user name or password', alerts: 'Alerts', cameras: 'Cameras and flow per junction', violations: 'New violations',
    note: 'Vehicles crossing the counting line, per minute (event time). Updates live.',
    live: 'Live', lost: 'Connection lost — retrying', connecting: 'Connecting…',
    thisMinute: 'This minute', lastHour: 'Last 60 min', today: 'Today', noFrame: 'Sign in to see camera frames',
    frameMissing: 'No frame yet', chart: 'Flow over the last 60 minutes by vehicle class', perMinute: 'veh/min', noAlerts: '✔ No alerts',
    congested: (since, m, peak) => `⛔ Congested since ${since} (${m} min, up to ${peak} vehicles in view)`,
    cameraDown: (state, err) => `⚠ Camera ${state.toLowerCase()}${err ? ': ' + err : ''}`, evidence: 'evidence package', vehicles: 'vehicles',
    figures: 'Deterrence and vehicle classes',
    deterrenceTitle: 'Red-light violations per camera per day, before and after the first cold-fine notice',
    deterrenceNote: 'Vertical line: day of the first notice at the camera (counted neither before nor after). Last 60 days, detected violations.',
    classesTitle: 'Violations by vehicle class (last 30 days)', perDay: 'violations/day', firstNotice: 'First notice',
    deterrence: (before, after, change, n) => `Before: ${before} → after: ${after} violations/camera/day (${change}, ${n} camera${n === 1 ? '' : 's'})`,
    noDeterrence: 'No camera has figures before and after its first notice yet', noClasses: 'No violations in the last 30 days',
    reportLate: (cat, unit, agency, days) => `⚠ Field report overdue: ${cat} — ${unit} — ${agency}${days ? ` (${days} working day${days === 1 ? '' : 's'} late)` : ''}`,
    reports: 'Field reports', route: 'Route tracing', unknownUnit: 'unknown area', noAgency: 'no agency yet'
  }
};
const t = k => TEXT[IOC.lang()][k];
const CLASSES = ['car', 'motorbike', 'bus', 'truck', 'bicycle'];
const CLASS_COLOUR = { car: '#4fc3f7', motorbike: '#ffb74d', bus: '#81c784', truck: '#e57373', bicycle: '#ba68c8' };
const FRAME_EVERY_MS = 10000;
const tiles = new Map();
let conn = 'connecting';

// ---- tiles ----

function tileFor(cam) {
  let tile = tiles.get(cam.id);
  if (tile) return tile;
  const el = document.createElement('article');
  el.className = 'tile';
  el.dataset.camera = cam.id;
  el.tabIndex = 0;
  el.innerHTML = `<header><h3></h3><span class="unit"></span><span class="state"></span></header>
    <div class="frame"><img alt="" hidden><p class="noframe"></p></div>
    <dl class="counts">
      <div><dt data-t="thisMinute"></dt><dd data-field="this_minute">–</dd></div>
      <div><dt data-t="lastHour"></dt><dd data-field="last_hour">–</dd></div>
      <div><dt data-t="today"></dt><dd data-field="today">–</dd></div>
    </dl>
    <p class="congestion" hidden></p>
    <div class="chart" role="img"></div>`;
  $('tiles').appendChild(el);
  tile = { el, cam, chart: echarts.init(el.querySelector('.chart'), null, { renderer: 'svg' }), status: null, congestion: null, recent: {} };
  tiles.set(cam.id, tile);
  labelTile(tile);
  return tile;
}

function labelTile(tile) {
  tile.el.querySelector('h3').textContent = tile.cam.name || tile.cam.id;
  tile.el.querySelector('.unit').textContent = tile.cam.unit_code || '';
  tile.el.querySelectorAll('[data-t]').forEach(e => { e.textContent = t(e.dataset.t); });
  tile.el.querySelector('.chart').setAttribute('aria-label', t('chart'));
  tile.el.querySelector('.noframe').textContent = IOC.signedIn() ? t('frameMissing') : t('noFrame');
  showState(tile);
  showCongestion(tile);
  drawChart(tile);
}

function showState(tile) {
  const s = (tile.status && tile.status.state) || 'UNKNOWN';
  const span = tile.el.querySelector('.state');
  span.innerHTML = badge('camera', s);
  span.title = (tile.status && tile.status.last_error) || '';
  tile.el.classList.toggle('down', s === 'STALLED' || s === 'FAILED');
}

const congestionText = c => t('congested')(IOC.clock(c.since), c.minutes, IOC.number(c.peak_vehicles));

function showCongestion(tile) {
  const p = tile.el.querySelector('.congestion');
  const c = tile.congestion;
  p.hidden = !c;
  tile.el.classList.toggle('congested', !!c);
  if (c) p.textContent = congestionText(c);
}

/** The last 60 minutes, one stacked bar per minute and class, the congested minutes shaded. */
function drawChart(tile) {
  // The server's hour: 60 minutes from `from`, one count per minute and class, oldest first.
  const from = tile.recent.from || Math.floor(Date.now() / 60000) * 60000 - 59 * 60000;
  const minutes = Array.from({ length: 60 }, (_, i) => from + i * 60000);
  const now = minutes[59];
  const byClass = tile.recent.classes || {};
  const present = CLASSES.filter(c => byClass[c]);
  const series = (present.length ? present : ['car']).map(c => ({
    name: label('vehicle', c), type: 'bar', stack: 'flow', barCategoryGap: '10%', itemStyle: { color: CLASS_COLOUR[c] },
    data: byClass[c] || minutes.map(() => 0)
  }));
  if (tile.congestion) {
    const since = Math.floor(Date.parse(tile.congestion.since) / 60000) * 60000;
    series[0].markArea = { silent: true, itemStyle: { color: 'rgba(214,40,40,0.25)' },
      data: [[{ xAxis: IOC.clock(new Date(Math.max(since, minutes[0])).toISOString()) }, { xAxis: IOC.clock(new Date(now).toISOString()) }]] };
  }
  // ECharts sizes in pixels: follow the page's rem so labels stay readable on a 4K wall.
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const font = Math.round(rem * 0.75);
  tile.chart.setOption({
    animation: false, textStyle: { fontFamily: 'IOC Sans, DejaVu Sans, sans-serif', color: '#9fb3c8', fontSize: font },
    grid: { left: rem * 2.6, right: rem * 0.5, top: rem * 2.4, bottom: rem * 1.6 },
    legend: { top: 0, textStyle: { color: '#c9d6e3', fontSize: font }, itemWidth: font, itemHeight: font * 0.7 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: minutes.map(m => IOC.clock(new Date(m).toISOString())), axisLabel: { interval: 14, fontSize: font } },
    yAxis: { type: 'value', name: t('perMinute'), nameTextStyle: { align: 'left', fontSize: font }, axisLabel: { fontSize: font }, minInterval: 1, splitLine: { lineStyle: { color: '#22364a' } } },
    series
  }, true);
}

/** The latest frame through the API (the bearer token; the answer is never cached), shown as an object URL. */
async function refreshFrame(tile) {
  const img = tile.el.querySelector('.frame img');
  const none = tile.el.querySelector('.noframe');
  if (!IOC.signedIn()) { img.hidden = true; none.hidden = false; none.textContent = t('noFrame'); return; }
  try {
    const blob = await IOC.blob(`/api/cameras/${encodeURIComponent(tile.cam.id)}/snapshot.jpg`);
    const old = img.src;
    img.src = URL.createObjectURL(blob);
    img.alt = tile.cam.name;
    if (old.startsWith('blob:')) URL.revokeObjectURL(old);
    img.hidden = false; none.hidden = true;
  } catch (e) {
    img.hidden = true; none.hidden = false; none.textContent = t('frameMissing');
  }
}

function refreshFrames() {
  if (document.visibilityState === 'visible') tiles.forEach(refreshFrame);
}
setInterval(refreshFrames, FRAME_EVERY_MS);

// ---- alerts ----

let overdueReports = [];
async function loadOverdueReports() {
  try {
    overdueReports = (await IOC.api('/api/public/overdue-reports')).reports;
  } catch (e) {
    return; // field reports off on this node, or offline: the other alerts stay
  }
  renderAlerts();
}
loadOverdueReports();
setInterval(loadOverdueReports, 30000);

function renderAlerts() {
  const list = [];
  for (const tile of tiles.values()) {
    const s = tile.status && tile.status.state;
    if (s === 'STALLED' || s === 'FAILED') {
      list.push({ key: 'cam|' + tile.cam.name + '|' + s, cls: 'camera', text: `${tile.cam.name}: ${t('cameraDown')(label('camera', s), tile.status.last_error)}` });
    }
    if (tile.congestion) {
      list.push({ key: 'jam|' + tile.cam.name + '|' + tile.congestion.since, cls: 'congestion',
        text: `${tile.cam.name}: ${congestionText(tile.congestion)}` });
    }
  }
  // Citizens' field reports past their 7-working-day deadline (GET /api/public/overdue-reports, every 30 s).
  for (const r of overdueReports) {
    list.push({ key: 'report|' + r.id, cls: 'report', text: t('reportLate')(IOC.lang() === 'vi' ? r.category_vi : r.category_en,
      r.unit_name || t('unknownUnit'), r.agency_name || t('noAgency'), r.working_days_late) });
  }
  const ul = $('alert-list');
  const keys = list.map(a => a.key).join(',');
  if (ul.dataset.keys === keys && ul.dataset.lang === IOC.lang()) return; // unchanged: do not re-announce
  ul.dataset.keys = keys;
  ul.dataset.lang = IOC.lang();
  ul.innerHTML = list.length ? list.map(a => `<li class="${a.cls}" data-alert="${esc(a.key)}">${esc(a.text)}</li>`).join('')
    : `<li class="none">${esc(t('noAlerts'))}</li>`;
  $('alerts').classList.toggle('active', list.length > 0);
}

// ---- live data ----

function showConn() {
  const c = $('conn');
  c.textContent = t(conn === 'live' ? 'live' : conn === 'lost' ? 'lost' : 'connecting');
  c.className = 'conn ' + (conn === 'live' ? 'on' : 'off');
}

fetch('/api/cameras').then(r => r.json()).then(cams => {
  for (const c of cams) {
    const tile = tileFor(c);
    tile.cam = c;
    tile.status = c.status;
    tile.el.querySelector('[data-field=last_hour]').textContent = IOC.number(c.passages_last_hour);
    labelTile(tile);
    refreshFrame(tile);
  }
  renderAlerts();
});

function onFlow(data) {
  for (const c of data.cameras) {
    const tile = tileFor({ id: c.id, name: c.id });
    for (const f of ['this_minute', 'last_hour', 'today']) tile.el.querySelector(`[data-field=${f}]`).textContent = IOC.number(c[f]);
    tile.status = c.status;
    tile.congestion = c.congestion || null;
    tile.recent = c.recent || {};
    showState(tile);
    showCongestion(tile);
    drawChart(tile);
  }
  renderAlerts();
}

function connect() {
  const es = new EventSource('/api/live');
  es.onopen = () => { conn = 'live'; showConn(); };
  es.onerror = () => { conn = 'lost'; showConn(); };
  es.addEventListener('flow', ev => onFlow(JSON.parse(ev.data)));
}

const feed = $('violations');
function onViolation(v) {
  const li = document.createElement('li');
  li.dataset.caseId = v.case_id;
  li.className = 'violation ' + String(v.type).toLowerCase();
  li.innerHTML = '<div class="text"><time></time> <strong></strong> <span></span></div>';
  li.querySelector('time').textContent = IOC.time(v.occurred_at);
  li.querySelector('strong').textContent = label('type', v.type);
  li.querySelector('span').textContent = '— ' + (v.camera_name || v.camera_id) + (v.has_evidence ? ' · ' + t('evidence') : '');
  if (v.has_evidence && IOC.signedIn()) {
    IOC.blob(`/api/cases/${encodeURIComponent(v.case_id)}/thumbnail.jpg`).then(b => {
      const img = document.createElement('img');
      img.src = URL.createObjectURL(b);
      img.alt = label('type', v.type) + ' — ' + (v.camera_name || v.camera_id);
      li.prepend(img);
    }).catch(() => { /* not in this operator's units, or the package does not verify: text only */ });
  }
  feed.prepend(li);
  while (feed.children.length > 50) feed.lastElementChild.remove();
}

function connectViolations() {
  const es = new EventSource('/api/live/violations');
  es.addEventListener('violation', ev => onViolation(JSON.parse(ev.data)));
}

// ---- deterrence and vehicle classes ----

const figures = { deterrence: null, classes: null, charts: {} };
const FIGURES_EVERY_MS = 5 * 60000;

function figureChart(id) {
  if (!figures.charts[id]) figures.charts[id] = echarts.init($(id), null, { renderer: 'svg' });
  return figures.charts[id];
}

function chartText() {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return { rem, font: Math.round(rem * 0.75) };
}

/** A signed percentage with its direction in words and symbol, not colour alone. */
function changeText(p) {
  const s = IOC.number(Math.abs(p)) + ' %';
  return p < 0 ? `▼ −${s}` : p > 0 ? `▲ +${s}` : `= 0 %`;
}

function drawDeterrence() {
  const d = figures.deterrence;
  if (!d) return;
  const ind = $('deterrence-indicator');
  const s = d.summary;
  if (s.change_percent === null || s.change_percent === undefined) {
    ind.textContent = t('noDeterrence');
    ind.dataset.change = '';
  } else {
    ind.innerHTML = esc(t('deterrence')(IOC.number(s.before_per_camera_day), IOC.number(s.after_per_camera_day), '§', s.cameras_compared))
      .replace('§', `<span class="${s.change_percent < 0 ? 'down' : 'up'}">${esc(changeText(s.change_percent))}</span>`);
    ind.dataset.change = String(s.change_percent);
  }
  const { rem, font } = chartText();
  const days = d.cameras.length ? d.cameras[0].days.map(x => x.day) : [];
  const series = d.cameras.map(c => ({
    name: c.camera_name || c.camera_id, type: 'line', showSymbol: false, data: c.days.map(x => x.violations),
    markLine: c.first_notice_day ? { symbol: 'none', label: { formatter: t('firstNotice'), color: '#ffcc80', fontSize: font },
      lineStyle: { color: '#ffb300', type: 'dashed' }, data: [{ xAxis: c.first_notice_day }] } : undefined
  }));
  $('deterrence-chart').setAttribute('aria-label', t('deterrenceTitle') + '. ' + ind.textContent);
  figureChart('deterrence-chart').setOption({
    animation: false, textStyle: { fontFamily: 'IOC Sans, DejaVu Sans, sans-serif', color: '#9fb3c8', fontSize: font },
    grid: { left: rem * 3, right: rem, top: rem * 2.4, bottom: rem * 1.6 },
    legend: { top: 0, textStyle: { color: '#c9d6e3', fontSize: font } }, tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days, axisLabel: { fontSize: font } },
    yAxis: { type: 'value', name: t('perDay'), nameTextStyle: { align: 'left', fontSize: font }, axisLabel: { fontSize: font }, minInterval: 1,
      splitLine: { lineStyle: { color: '#22364a' } } },
    series
  }, true);
}

function drawClasses() {
  const c = figures.classes;
  if (!c) return;
  const ul = $('class-shares');
  ul.innerHTML = c.classes.length ? c.classes.map(x => `<li data-class="${esc(x.vehicle_class)}"><strong>${esc(label('vehicle', x.vehicle_class))}</strong> `
    + `${esc(IOC.number(x.violations))} (${esc(IOC.number(x.share_percent))} %)</li>`).join('') : `<li>${esc(t('noClasses'))}</li>`;
  const { rem, font } = chartText();
  $('class-chart').setAttribute('aria-label', t('classesTitle') + ': ' + ul.textContent);
  figureChart('class-chart').setOption({
    animation: false, textStyle: { fontFamily: 'IOC Sans, DejaVu Sans, sans-serif', color: '#9fb3c8', fontSize: font },
    grid: { left: rem * 5, right: rem * 2.5, top: rem * 0.5, bottom: rem * 1.6 }, tooltip: {},
    xAxis: { type: 'value', axisLabel: { fontSize: font }, splitLine: { lineStyle: { color: '#22364a' } } },
    yAxis: { type: 'category', inverse: true, data: c.classes.map(x => label('vehicle', x.vehicle_class)), axisLabel: { fontSize: font } },
    series: [{ type: 'bar', data: c.classes.map(x => ({ value: x.violations, itemStyle: { color: CLASS_COLOUR[x.vehicle_class] || '#90a4ae' } })),
      label: { show: true, position: 'right', color: '#c9d6e3', fontSize: font, formatter: p => IOC.number(c.classes[p.dataIndex].share_percent) + ' %' } }]
  }, true);
}

function loadFigures() {
  fetch('/api/violations/deterrence').then(r => r.json()).then(d => { figures.deterrence = d; drawDeterrence(); }).catch(() => {});
  fetch('/api/violations/by-class').then(r => r.json()).then(c => { figures.classes = c; drawClasses(); }).catch(() => {});
}
setInterval(loadFigures, FIGURES_EVERY_MS);

// ---- session and language ----

function showSession(me) {
  $('who').textContent = me ? me.username : '';
  $('signout').hidden = !me;
  $('signin-open').hidden = !!me;
  $('login').hidden = true;
  tiles.forEach(tile => { labelTile(tile); refreshFrame(tile); });
}
$('signin-open').addEventListener('click', () => { $('login').hidden = !$('login').hidden; if (!$('login').hidden) $('login').username.focus(); });
$('signout').addEventListener('click', () => IOC.signOut());
IOC.bindSignIn($('login'), () => t('loginFailed'));
IOC.onSession(showSession);
IOC.bindLanguage($('lang'), TEXT);
IOC.onLanguage(() => { tiles.forEach(labelTile); renderAlerts(); showConn(); drawDeterrence(); drawClasses(); });
window.addEventListener('resize', () => {
  tiles.forEach(tile => { tile.chart.resize(); drawChart(tile); });
  Object.values(figures.charts).forEach(c => c.resize());
  drawDeterrence(); drawClasses();
});
showSession(IOC.me());
showConn();
connect();
connectViolations();
loadFigures();
