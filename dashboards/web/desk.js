'use strict';
// Police review desk: the queue of the reviewer's units, one case's evidence (stills, zoomable plate crop, clip, the
// package's integrity check), and the decisions — every one goes through the API, which writes it to the audit log.
const { $, esc, label, badge, api } = IOC;

const TEXT = {
  vi: {
    title: 'Xét duyệt vi phạm', wall: 'Màn hình giám sát', map: 'Bản đồ thực thi thể chế', signin: 'Đăng nhập', signout: 'Đăng xuất',
    user: 'Tên đăng nhập', password: 'Mật khẩu', loginFailed: 'Sai tên đăng nhập hoặc mật khẩu', notDesk: 'Tài khoản này không có quyền xét duyệt vi phạm.',
    queue: 'Hàng đợi', status: 'Trạng thái', type: 'Loại vi phạm', unit: 'Đơn vị', camera: 'Camera', from: 'Từ', to: 'Đến', sort: 'Thứ tự',
    all: 'Tất cả', allUnits: 'Mọi đơn vị được giao', oldest: 'Cũ nhất trước (hạn xử lý)', newest: 'Mới nhất trước', apply: 'Lọc', more: 'Tải thêm',
    pick: 'Chọn một hồ sơ trong hàng đợi (phím J/K để chuyển, Enter để mở).',
    before: 'Trước vạch', during: 'Thời điểm vi phạm', after: 'Sau vạch', plateCrop: 'Ảnh biển số', vehicle: 'Phương tiện', clip: 'Đoạn video',
    plateZoom: 'Ảnh biển số, dùng + và − để phóng to, thu nhỏ', zoomIn: 'Phóng to', zoomOut: 'Thu nhỏ', zoomReset: '1:1', actions: 'Thao tác',
    review: 'Đưa vào xét duyệt (V)', confirm: 'Xác nhận vi phạm (C)', reject: 'Bác bỏ (R)', plate: 'Sửa biển số (P)', notice: 'Ra thông báo phạt nguội (N)',
    download: 'Tải thông báo PDF (D)', close: 'Đóng hồ sơ (X)', next: 'Hồ sơ tiếp theo (J)',
    rejectWhy: 'Lý do bác bỏ (phím 1–7)', note: 'Ghi chú', rejectGo: 'Bác bỏ hồ sơ', cancel: 'Huỷ (Esc)', newPlate: 'Biển số đúng', why: 'Lý do', save: 'Lưu',
    history: 'Nhật ký xử lý', keys: 'Phím tắt: J/K hồ sơ sau/trước · C xác nhận · R bác bỏ · P sửa biển số · N ra thông báo · D tải thông báo · V đưa vào xét duyệt · +/− phóng ảnh biển số',
    count: n => `${n} hồ sơ`, none: 'Không có hồ sơ nào khớp bộ lọc.', yes: 'Đồng ý (Enter)',
    askConfirm: 'Xác nhận đây là vi phạm? Hồ sơ sẽ chuyển sang chờ ra thông báo.', askNotice: 'Ra thông báo phạt nguội cho chủ phương tiện?',
    askClose: 'Đóng hồ sơ này?', askReview: 'Đưa hồ sơ vào hàng chờ xét duyệt?',
    intact: s => `✔ Chứng cứ nguyên vẹn: chữ ký hợp lệ (${s}), mọi tệp khớp mã băm.`, broken: '✘ Chứng cứ KHÔNG toàn vẹn — không được dùng để xử phạt:',
    noEvidence: '✘ Hồ sơ chưa có gói chứng cứ.', missing: '✘ Không tìm thấy gói chứng cứ trên máy chủ.',
    plateRead: 'Biển số đọc được', plateCorrected: 'Biển số đã sửa', confidence: 'độ tin cậy', needsCheck: '⚠ cần kiểm tra biển số', vehicleClass: 'Loại xe',
    registered: 'Theo đăng ký', notRegistered: 'không có trong cơ sở dữ liệu đăng ký',
    mismatch: (seen, reg) => `⚠ Loại xe không khớp: camera nhận là ${seen}, biển số đăng ký cho ${reg}. Có thể đọc sai biển số hoặc biển số giả — kiểm tra kỹ trước khi xác nhận.`,
    phase: 'Pha đèn', intoRed: 'Sau khi đèn đỏ', speed: 'Tốc độ (tham khảo)', place: 'Vị trí', time: 'Thời gian', detail: 'Chi tiết', scene: 'Phiên bản cấu hình',
    evidence: 'Mã băm gói chứng cứ', rejectReason: 'Lý do bác bỏ', merged: 'Đã gộp vào hồ sơ', done: (s) => `Đã lưu: ${s}.`,
    phaseName: { red: 'đỏ', amber: 'vàng', green: 'xanh' },
    delivery: 'Chuyển phát thông báo', deliveryNext: 'Trạng thái mới', deliveryOn: 'Ngày', noticeNo: 'Số thông báo',
    overdue: { not_delivered: d => `⚠ Quá hạn ${d} ngày: đã gửi nhưng chưa phát`, not_settled: d => `⚠ Quá hạn ${d} ngày: đã phát nhưng chưa nộp phạt hoặc khiếu nại` },
    deliveryState: { ISSUED: 'Đã ra thông báo', PRINTED: 'Đã in', SENT: 'Đã gửi bưu điện', DELIVERED: 'Đã phát', RETURNED: 'Bị trả lại',
      PAID: 'Đã nộp phạt', CONTESTED: 'Khiếu nại', CLOSED: 'Đã đóng' }
  },
  en: {
    title: 'Violation review desk', wall: 'Live wall', map: 'Institutional performance map', signin: 'Sign in', signout: 'Sign out',
    user: 'User name', password: 'Password', loginFailed: 'Wrong user name or password', notDesk: 'This account may not review violations.',
    queue: 'Queue', status: 'Status', type: 'Violation', unit: 'Unit', camera: 'Camera', from: 'From', to: 'To', sort: 'Order',
    all: 'All', allUnits: 'All my units', oldest: 'Oldest first (deadline)', newest: 'Newest first', apply: 'Filter', more: 'Load more',
    pick: 'Pick a case from the queue (J/K to move, Enter to open).',
    before: 'Before the line', during: 'At the violation', after: 'After the line', plateCrop: 'Plate crop', vehicle: 'Vehicle', clip: 'Clip',
    plateZoom: 'Plate crop; + and − zoom', zoomIn: 'Zoom in', zoomOut: 'Zoom out', zoomReset: '1:1', actions: 'Actions',
    review: 'Send to review (V)', confirm: 'Confirm violation (C)', reject: 'Reject (R)', plate: 'Correct plate (P)', notice: 'Issue fine notice (N)',
    download: 'Download notice PDF (D)', close: 'Close case (X)', next: 'Next case (J)',
    rejectWhy: 'Reason for rejection (keys 1–7)', note: 'Note', rejectGo: 'Reject the case', cancel: 'Cancel (Esc)', newPlate: 'Correct plate', why: 'Reason', save: 'Save',
    history: 'Case history', keys: 'Keys: J/K next/previous case · C confirm · R reject · P correct plate · N issue notice · D download notice · V send to review · +/− zoom the plate',
    count: n => `${n} cases`, none: 'No case matches the filter.', yes: 'Yes (Enter)',
    askConfirm: 'Confirm this as a violation? The case then awaits its notice.', askNotice: 'Issue the fine notice to the vehicle owner?',
    askClose: 'Close this case?', askReview: 'Send this case to the review queue?',
    intact: s => `✔ Evidence intact: valid signature (${s}), every file matches its hash.`, broken: '✘ Evidence NOT intact — must not be used for a fine:',
    noEvidence: '✘ The case has no evidence package.', missing: '✘ The evidence package is not on the server.',
    plateRead: 'Plate as read', plateCorrected: 'Corrected plate', confidence: 'confidence', needsCheck: '⚠ plate needs checking', vehicleClass: 'Vehicle',
    registered: 'Registered as', notRegistered: 'not in the registration database',
    mismatch: (seen, reg) => `⚠ Vehicle type mismatch: the camera saw a ${seen}, the plate is registered to a ${reg}. Likely a misread or a cloned plate — check before confirming.`,
    phase: 'Signal phase', intoRed: 'Into red', speed: 'Speed (indicative)', place: 'Place', time: 'Time', detail: 'Detail', scene: 'Scene version',
    evidence: 'Evidence package hash', rejectReason: 'Rejection reason', merged: 'Merged into case', done: (s) => `Saved: ${s}.`,
    phaseName: { red: 'red', amber: 'amber', green: 'green' },
    delivery: 'Notice delivery', deliveryNext: 'New state', deliveryOn: 'Date', noticeNo: 'Notice number',
    overdue: { not_delivered: d => `⚠ ${d} days overdue: sent but not delivered`, not_settled: d => `⚠ ${d} days overdue: delivered, neither paid nor contested` },
    deliveryState: { ISSUED: 'Issued', PRINTED: 'Printed', SENT: 'Sent by post', DELIVERED: 'Delivered', RETURNED: 'Returned',
      PAID: 'Paid', CONTESTED: 'Contested', CLOSED: 'Closed' }
  }
};
// The record is kept in Vietnamese whatever the screen's language: the reason list's Vietnamese wording is stored.
const REASONS = [
  { vi: 'Biển số không đọc được', en: 'Plate unreadable' },
  { vi: 'Xe ưu tiên đang làm nhiệm vụ', en: 'Priority vehicle on duty' },
  { vi: 'Đi theo hiệu lệnh của người điều khiển giao thông', en: 'Directed by a traffic officer' },
  { vi: 'Đèn tín hiệu hỏng hoặc sai pha', en: 'Signal fault or wrong phase' },
  { vi: 'Phát hiện sai, không có vi phạm', en: 'False detection, no violation' },
  { vi: 'Trùng với hồ sơ khác', en: 'Duplicate of another case' },
  { vi: 'Lý do khác (xem ghi chú)', en: 'Other (see note)' }
];
const STILLS = ['still-1-before.jpg', 'still-2-violation.jpg', 'still-3-after.jpg'];
const t = k => TEXT[IOC.lang()][k];
const desk = { items: [], next: null, index: -1, open: null, zoom: 1 };

// ---- session ----

function showSession(me) {
  const ok = me && (me.role === 'POLICE_REVIEWER' || me.role === 'ADMIN');
  $('login').hidden = !!me;
  $('desk').hidden = !ok;
  $('signout').hidden = !me;
  $('who').textContent = me ? me.username + (ok ? '' : ' — ' + t('notDesk')) : '';
  if (ok) start();
}

async function start() {
  const unitSel = document.querySelector('#filters [name=unit]');
  unitSel.querySelectorAll('option:not([value=""])').forEach(o => o.remove());
  for (const u of IOC.me().unit_codes || []) unitSel.insertAdjacentHTML('beforeend', `<option value="${esc(u)}">${esc(u)}</option>`);
  try {
    const cams = await api('/api/cameras');
    const camSel = document.querySelector('#filters [name=camera]');
    camSel.querySelectorAll('option:not([value=""])').forEach(o => o.remove());
    for (const c of cams) camSel.insertAdjacentHTML('beforeend', `<option value="${esc(c.id)}">${esc(c.name)}</option>`);
  } catch (e) { /* the queue works without the camera list */ }
  loadQueue(false);
}

// ---- queue ----

function query() {
  const f = new FormData($('filters'));
  const q = new URLSearchParams();
  for (const k of ['status', 'type', 'unit', 'camera', 'sort']) if (f.get(k)) q.set(k, f.get(k));
  for (const k of ['from', 'to']) if (f.get(k)) q.set(k, new Date(f.get(k)).toISOString());
  return q;
}

async function loadQueue(more) {
  const q = query();
  if (more && desk.next) q.set('after', desk.next);
  try {
    const page = await api('/api/cases?' + q);
    if (!more) { desk.items = []; $('queue').innerHTML = ''; desk.index = -1; }
    for (const c of page.items) { desk.items.push(c); $('queue').appendChild(queueItem(c, desk.items.length - 1)); }
    desk.next = page.next || null;
    $('more').hidden = !desk.next;
    $('queue-count').textContent = desk.items.length ? t('count')(desk.items.length) + (desk.next ? '+' : '') : t('none');
    if (!more && desk.items.length) focusItem(0);
  } catch (e) {
    $('queue-count').textContent = e.message;
  }
}

function queueItem(c, i) {
  const li = document.createElement('li');
  li.dataset.caseId = c.id;
  li.innerHTML = `<button type="button" class="item"><time>${esc(IOC.dateTime(c.occurred_at))}</time>
    <strong>${esc(label('type', c.violation_type))}</strong> <span class="cam">${esc(c.camera_name || c.camera_id)}</span>
    <span class="plate">${esc(c.plate_corrected || c.plate_read || '—')}</span>${c.plate_needs_check ? ` <span class="warn">${esc(t('needsCheck'))}</span>` : ''}
    <span class="st">${badge('status', c.status)}</span></button>`;
  li.querySelector('button').addEventListener('click', () => { desk.index = i; openCase(c.id); });
  li.querySelector('button').addEventListener('focus', () => { desk.index = i; });
  return li;
}

function focusItem(i) {
  if (i < 0 || i >= desk.items.length) return;
  desk.index = i;
  $('queue').children[i].querySelector('button').focus();
}

// ---- one case ----

async function openCase(id) {
  let c;
  try {
    c = await api('/api/cases/' + encodeURIComponent(id));
  } catch (e) {
    result(e.message, false);
    return;
  }
  desk.open = c;
  [...$('queue').children].forEach(li => li.classList.toggle('open', li.dataset.caseId === id));
  $('empty').hidden = true;
  $('case-view').hidden = false;
  $('reject-form').hidden = true;
  $('plate-form').hidden = true;
  result('', true);
  render(c);
  checkEvidence(c);
  desk.delivery = null;
  loadDelivery(c);
}

function render(c) {
  $('case-title').textContent = `${label('type', c.violation_type)} — ${c.camera_name || c.camera_id}`;
  $('case-status').innerHTML = badge('status', c.status) + (c.reject_reason ? ` <span>${esc(t('rejectReason'))}: ${esc(c.reject_reason)}</span>` : '');
  const phase = c.signal_phase ? (t('phaseName')[c.signal_phase] || c.signal_phase) : null;
  const facts = [
    [t('time'), IOC.dateTime(c.occurred_at)],
    [t('plateRead'), c.plate_read ? `${c.plate_read} (${t('confidence')} ${IOC.number(Math.round((c.plate_confidence || 0) * 100))}%)` + (c.plate_needs_check ? ' ' + t('needsCheck') : '') : '—'],
    c.plate_corrected ? [t('plateCorrected'), c.plate_corrected] : null,
    [t('vehicleClass'), label('vehicle', c.vehicle_class)],
    [t('registered'), c.registered ? [label('vehicle', c.registered.vehicle_class), c.registered.brand, c.registered.colour].filter(Boolean).join(' · ')
      : t('notRegistered')],
    phase ? [t('phase'), phase] : null,
    c.time_into_red_s !== null && c.time_into_red_s !== undefined ? [t('intoRed'), IOC.number(c.time_into_red_s) + ' s'] : null,
    c.speed_kmh !== null && c.speed_kmh !== undefined ? [t('speed'), IOC.number(c.speed_kmh) + ' km/h'] : null,
    [t('place'), [c.place, c.unit_code].filter(Boolean).join(' · ')],
    c.detail ? [t('detail'), c.violation_vi + ' — ' + c.detail] : null,
    [t('scene'), c.scene_version || '—'],
    [t('evidence'), c.evidence_sha256 || '—'],
    c.merged_into ? [t('merged'), c.merged_into] : null
  ].filter(Boolean);
  $('facts').innerHTML = facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('');
  const warning = $('registry-warning');
  warning.hidden = !c.registered_mismatch;
  warning.textContent = c.registered_mismatch
    ? t('mismatch')(label('vehicle', c.vehicle_class).toLowerCase(), label('vehicle', c.registered.vehicle_class).toLowerCase()) : '';
  const next = new Set(c.allowed_next || []);
  const show = (id, on, text) => { const b = $(id); b.hidden = !on; b.textContent = t(text); };
  show('act-review', next.has('PENDING_REVIEW'), 'review');
  show('act-confirm', next.has('CONFIRMED'), 'confirm');
  show('act-reject', next.has('REJECTED'), 'reject');
  show('act-plate', c.status === 'DETECTED' || c.status === 'PENDING_REVIEW', 'plate');
  show('act-notice', next.has('NOTICE_ISSUED'), 'notice');
  show('act-close', next.has('CLOSED'), 'close');
  show('act-next', desk.index + 1 < desk.items.length, 'next');
  const dl = $('act-download');
  dl.hidden = !(c.status === 'NOTICE_ISSUED' || (c.status === 'CLOSED' && !c.reject_reason));
  dl.textContent = t('download');
  dl.href = `/api/cases/${encodeURIComponent(c.id)}/notice.pdf`;
  $('history').innerHTML = (c.history || []).map(h => `<li data-action="${esc(h.action)}"><time>${esc(IOC.dateTime(h.at))}</time>
    <strong>${esc(h.actor)}</strong> <span class="role">(${esc(h.role)})</span> <code>${esc(h.action)}</code>${h.reason ? ' — ' + esc(h.reason) : ''}</li>`).join('');
  const item = [...$('queue').children].find(li => li.dataset.caseId === c.id);
  if (item) item.querySelector('.st').innerHTML = badge('status', c.status);
}

// ---- notice delivery ----

/** The notice's way to the owner (printed, posted, delivered or returned, paid or contested, closed), with its dates. */
async function loadDelivery(c) {
  const box = $('delivery');
  if (!(c.status === 'NOTICE_ISSUED' || (c.status === 'CLOSED' && !c.reject_reason))) { box.hidden = true; return; }
  let d;
  try {
    d = await api(`/api/cases/${encodeURIComponent(c.id)}/delivery`);
  } catch (e) {
    box.hidden = true; return;
  }
  if (desk.open !== c) return;
  desk.delivery = d;
  box.hidden = false;
  renderDelivery();
}

function renderDelivery() {
  const d = desk.delivery;
  if (!d) return;
  const names = t('deliveryState');
  $('delivery-state').innerHTML = `<strong data-state="${esc(d.state)}">${esc(names[d.state] || d.state)}</strong> · ${esc(t('noticeNo'))} ${esc(d.notice_no)}`
    + (d.overdue ? ` <span class="overdue">${esc(t('overdue')[d.overdue.rule](d.overdue.days_overdue))}</span>` : '');
  $('delivery-dates').innerHTML = Object.entries(d.dates).map(([k, v]) => `<dt>${esc(names[k.toUpperCase()] || k)}</dt><dd>${esc(v)}</dd>`).join('');
  const form = $('delivery-form');
  form.hidden = !d.allowed_next.length;
  form.to.innerHTML = d.allowed_next.map(s => `<option value="${esc(s)}">${esc(names[s] || s)}</option>`).join('');
  if (!form.on.value) form.on.value = new Date(Date.now() + 7 * 3600000).toISOString().slice(0, 10); // today in Vietnam
}

$('delivery-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const c = desk.open, form = ev.target;
  const body = { to: form.to.value, on: form.on.value };
  if (form.note.value.trim()) body.note = form.note.value.trim();
  try {
    await api(`/api/cases/${encodeURIComponent(c.id)}/delivery`, { json: body });
    form.note.value = '';
    await openCase(c.id);
    result(t('done')(t('deliveryState')[body.to]), true);
  } catch (e) {
    result(e.message, false);
  }
});

async function checkEvidence(c) {
  const box = $('integrity');
  const base = `/api/cases/${encodeURIComponent(c.id)}/evidence/`;
  const media = [['still-1', STILLS[0]], ['still-2', STILLS[1]], ['still-3', STILLS[2]], ['plate-img', 'plate.jpg'], ['vehicle-img', 'vehicle.jpg']];
  const clear = () => { media.forEach(([id]) => { $(id).removeAttribute('src'); $(id).alt = ''; }); $('clip').removeAttribute('src'); };
  setZoom(1);
  // Confirming and issuing a notice wait for a package that verifies.
  $('act-confirm').disabled = true; $('act-notice').disabled = true;
  if (!c.evidence_sha256) { clear(); box.className = 'bad'; box.textContent = t('noEvidence'); return; }
  box.className = ''; box.textContent = '…';
  let check;
  try {
    check = await api(base.replace(/\/$/, ''));
  } catch (e) {
    clear(); box.className = 'bad'; box.textContent = t('missing') + ' ' + e.message; return;
  }
  if (desk.open !== c) return;
  if (!check.found || !check.intact) {
    clear();
    box.className = 'bad';
    box.innerHTML = esc(check.found ? t('broken') : t('missing')) + '<ul>' + (check.problems || []).map(p => `<li>${esc(p)}</li>`).join('') + '</ul>';
    return;
  }
  $('act-confirm').disabled = false; $('act-notice').disabled = false;
  box.className = 'ok';
  box.textContent = t('intact')(check.signed_by);
  for (const [id, file] of media) { $(id).src = base + file; $(id).alt = file; }
  $('clip').src = base + 'clip.mp4';
}

// ---- plate zoom ----

function setZoom(z) {
  desk.zoom = Math.max(1, Math.min(8, z));
  $('plate-img').style.width = (desk.zoom * 100) + '%';
  $('plate-frame').dataset.zoom = desk.zoom;
}
$('zoom-in').addEventListener('click', () => setZoom(desk.zoom * 1.5));
$('zoom-out').addEventListener('click', () => setZoom(desk.zoom / 1.5));
$('zoom-reset').addEventListener('click', () => setZoom(1));
$('plate-frame').addEventListener('wheel', ev => { ev.preventDefault(); setZoom(desk.zoom * (ev.deltaY < 0 ? 1.25 : 0.8)); }, { passive: false });

// ---- decisions ----

async function move(to, reason) {
  const c = desk.open;
  try {
    await api(`/api/cases/${encodeURIComponent(c.id)}/transitions`, { json: reason ? { to, reason } : { to } });
    await openCase(c.id);
    result(t('done')(label('status', to)), true);
  } catch (e) {
    result(e.message, false);
  }
}

function result(text, ok) {
  $('action-result').textContent = text;
  $('action-result').className = ok ? 'ok' : 'error';
}

/** An inline question: Enter (the focused yes button) goes ahead, Esc or the other button cancels. */
function ask(question, yes) {
  const bar = document.createElement('div');
  bar.className = 'ask';
  bar.setAttribute('role', 'alertdialog');
  bar.innerHTML = `<p>${esc(question)}</p><button type="button" class="yes">${esc(t('yes'))}</button> <button type="button" class="cancel">${esc(t('cancel'))}</button>`;
  document.querySelectorAll('.ask').forEach(b => b.remove());
  $('actions').after(bar);
  const done = go => { bar.remove(); if (go) yes(); else $('actions').querySelector('button:not([hidden])')?.focus(); };
  bar.querySelector('.yes').addEventListener('click', () => done(true));
  bar.querySelector('.cancel').addEventListener('click', () => done(false));
  bar.addEventListener('keydown', ev => { if (ev.key === 'Escape') { ev.stopPropagation(); done(false); } });
  bar.querySelector('.yes').focus();
}

$('act-review').addEventListener('click', () => ask(t('askReview'), () => move('PENDING_REVIEW', 'chuyển vào xét duyệt')));
$('act-confirm').addEventListener('click', () => ask(t('askConfirm'), () => move('CONFIRMED')));
$('act-notice').addEventListener('click', () => ask(t('askNotice'), () => move('NOTICE_ISSUED')));
$('act-close').addEventListener('click', () => ask(t('askClose'), () => move('CLOSED')));
$('act-next').addEventListener('click', () => step(1, true));

function renderReasons() {
  $('reasons').innerHTML = REASONS.map((r, i) => `<label><input type="radio" name="reason" value="${i}" ${i === 0 ? 'required' : ''}>
    <kbd>${i + 1}</kbd> ${esc(r[IOC.lang()])}</label>`).join('');
}
$('act-reject').addEventListener('click', () => {
  $('plate-form').hidden = true;
  $('reject-form').hidden = false;
  $('reject-form').reset();
  $('reject-form').querySelector('input[name=reason]').focus();
});
$('reject-form').addEventListener('submit', ev => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const r = REASONS[Number(f.get('reason'))];
  const note = (f.get('note') || '').trim();
  if (r === REASONS[REASONS.length - 1] && !note) { ev.target.note.focus(); return; }
  $('reject-form').hidden = true;
  move('REJECTED', r.vi + (note ? ' — ' + note : ''));
});
$('reject-form').addEventListener('keydown', ev => {
  const n = Number(ev.key);
  if (ev.target.name !== 'note' && n >= 1 && n <= REASONS.length) {
    const radio = ev.target.form.querySelectorAll('input[name=reason]')[n - 1];
    radio.checked = true;
    radio.focus();
    ev.preventDefault();
  }
});

$('act-plate').addEventListener('click', () => {
  $('reject-form').hidden = true;
  $('plate-form').hidden = false;
  $('plate-form').plate.value = desk.open.plate_corrected || desk.open.plate_read || '';
  $('plate-form').plate.focus();
});
$('plate-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const c = desk.open;
  try {
    await api(`/api/cases/${encodeURIComponent(c.id)}/plate`, { json: { plate: f.get('plate'), reason: f.get('reason') } });
    $('plate-form').hidden = true;
    await openCase(c.id);
    result(t('done')(f.get('plate')), true);
  } catch (e) {
    result(e.message, false);
  }
});
document.querySelectorAll('form .cancel').forEach(b => b.addEventListener('click', () => { b.form.hidden = true; }));

// ---- keyboard ----

function step(d, open) {
  const i = Math.max(0, Math.min(desk.items.length - 1, desk.index + d));
  focusItem(i);
  if (open) openCase(desk.items[i].id);
}

document.addEventListener('keydown', ev => {
  if (ev.key === 'Escape') { document.querySelectorAll('#reject-form, #plate-form').forEach(f => { f.hidden = true; }); return; }
  if (IOC.typing(ev) || ev.ctrlKey || ev.metaKey || ev.altKey || $('desk').hidden) return;
  const k = ev.key.toUpperCase();
  if (k === 'J' || ev.key === 'ArrowDown') { step(1, k === 'J' && !!desk.open); ev.preventDefault(); return; }
  if (k === 'K' || ev.key === 'ArrowUp') { step(-1, k === 'K' && !!desk.open); ev.preventDefault(); return; }
  if (ev.key === '+' || ev.key === '=') { setZoom(desk.zoom * 1.5); return; }
  if (ev.key === '-') { setZoom(desk.zoom / 1.5); return; }
  if (!desk.open || document.querySelector('.ask')) return;
  const action = [...document.querySelectorAll('#actions [data-key]')].find(b => b.dataset.key === k && !b.hidden && !b.disabled);
  if (action) { ev.preventDefault(); action.click(); }
});

// ---- wiring ----

$('filters').addEventListener('submit', ev => { ev.preventDefault(); loadQueue(false); });
$('more').addEventListener('click', () => loadQueue(true));
$('signout').addEventListener('click', () => IOC.signOut());
IOC.bindSignIn($('login'), () => t('loginFailed'));
function labelOptions() {
  document.querySelectorAll('#filters [name=status] option').forEach(o => { o.textContent = label('status', o.value); });
  document.querySelectorAll('#filters [name=type] option[value]:not([value=""])').forEach(o => { o.textContent = label('type', o.value); });
  renderReasons();
  if (desk.open) render(desk.open);
}
IOC.bindLanguage($('lang'), TEXT);
IOC.onLanguage(() => { labelOptions(); renderDelivery(); });
labelOptions();
IOC.onSession(showSession);
showSession(IOC.me());
