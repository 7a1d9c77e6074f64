'use strict';
// The agencies' queue of field reports: an agency's staff (role AGENCY) see their agency's reports, start, resolve or
// return them; operators and admins see all and assign or reassign them. Every move is audited by the server.
(() => {
  const { $, esc } = IOC;
  const T = {
    vi: {
      title: 'Xử lý phản ánh hiện trường', signin: 'Đăng nhập', signout: 'Đăng xuất', user: 'Tên đăng nhập', password: 'Mật khẩu',
      loginFailed: 'Sai tên đăng nhập hoặc mật khẩu', queue: 'Hàng đợi phản ánh', onlyOverdue: 'Chỉ phản ánh quá hạn',
      due: 'Hạn xử lý', category: 'Loại', unit: 'Địa bàn', agency: 'Đơn vị', status: 'Tình trạng', next: 'Bước tiếp theo',
      reason: 'Lý do / kết quả xử lý', apply: 'Thực hiện', trail: 'Nhật ký xử lý', description: 'Mô tả', place: 'Địa điểm',
      received: 'Tiếp nhận', channel: 'Kênh', caller: 'Người gọi', resolution: 'Kết quả', rating: 'Đánh giá', empty: 'Không có phản ánh.',
      overdue: 'QUÁ HẠN', done: 'Đã cập nhật.', failed: 'Không thực hiện được: ', none: '—',
      moves: { ASSIGNED: 'Giao / chuyển đơn vị xử lý', IN_PROGRESS: 'Bắt đầu xử lý', RESOLVED: 'Đã xử lý xong', RECEIVED: 'Trả lại (không thuộc thẩm quyền)' },
      statuses: { RECEIVED: 'Đã tiếp nhận', ASSIGNED: 'Đã giao', IN_PROGRESS: 'Đang xử lý', RESOLVED: 'Đã xử lý xong', RATED: 'Đã đánh giá' },
      ratings: { SATISFIED: 'Hài lòng', NEUTRAL: 'Bình thường', UNSATISFIED: 'Không hài lòng' }
    },
    en: {
      title: 'Field report handling', signin: 'Sign in', signout: 'Sign out', user: 'User name', password: 'Password',
      loginFailed: 'Wrong user name or password', queue: 'Report queue', onlyOverdue: 'Overdue only',
      due: 'Deadline', category: 'Kind', unit: 'Area', agency: 'Agency', status: 'Status', next: 'Next step',
      reason: 'Reason / what was done', apply: 'Apply', trail: 'Audit trail', description: 'Description', place: 'Place',
      received: 'Received', channel: 'Channel', caller: 'Caller', resolution: 'Result', rating: 'Rating', empty: 'No reports.',
      overdue: 'OVERDUE', done: 'Updated.', failed: 'Could not apply: ', none: '—',
      moves: { ASSIGNED: 'Assign / reassign', IN_PROGRESS: 'Start work', RESOLVED: 'Resolved', RECEIVED: 'Return (not ours)' },
      statuses: { RECEIVED: 'Received', ASSIGNED: 'Assigned', IN_PROGRESS: 'In progress', RESOLVED: 'Resolved', RATED: 'Rated' },
      ratings: { SATISFIED: 'Satisfied', NEUTRAL: 'Neutral', UNSATISFIED: 'Not satisfied' }
    }
  };
  const t = k => T[IOC.lang()][k];
  // A deadline is the end of its last working day (the next midnight in Vietnam): shown as that day.
  const dueDay = iso => (IOC.lang() === 'vi' ? 'hết ngày ' : 'end of ') + new Intl.DateTimeFormat(IOC.lang() === 'vi' ? 'vi-VN' : 'en-GB',
    { dateStyle: 'full', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(new Date(iso).getTime() - 1000));
  let agencies = [];
  let current = null;

  async function loadQueue() {
    if (!IOC.signedIn()) return;
    const q = $('only-overdue').checked ? '?overdue=true' : '';
    const r = await IOC.api('/api/reports' + q);
    $('rows').innerHTML = r.reports.length ? r.reports.map(x => `<tr data-id="${esc(x.id)}" class="${current && current.id === x.id ? 'selected' : ''}">
        <td>${esc(dueDay(x.due_at))}${x.overdue ? ` <strong class="late">${esc(t('overdue'))}</strong>` : ''}</td>
        <td>${esc(IOC.lang() === 'vi' ? x.category_vi : x.category_en)}</td><td>${esc(x.unit_name || t('none'))}</td>
        <td>${esc(x.agency_name || t('none'))}</td><td data-status="${esc(x.status)}">${esc(t('statuses')[x.status])}</td></tr>`).join('')
      : `<tr><td colspan="5">${esc(t('empty'))}</td></tr>`;
  }

  async function open(id) {
    current = await IOC.api('/api/reports/' + encodeURIComponent(id));
    renderDetail();
    loadQueue();
  }

  function renderDetail() {
    const r = current;
    if (!r) return;
    $('detail').hidden = false;
    $('detail-title').textContent = (IOC.lang() === 'vi' ? r.category_vi : r.category_en) + ' — ' + (t('statuses')[r.status] || r.status);
    const row = (k, v, id) => v ? `<dt>${esc(t(k))}</dt><dd${id ? ` id="${id}"` : ''}>${esc(v)}</dd>` : '';
    $('detail-data').innerHTML = row('description', r.description, 'detail-description') + row('place', r.place)
      + row('unit', r.unit_name) + row('agency', r.agency_name) + row('channel', r.channel)
      + row('caller', [r.reporter_name, r.reporter_phone].filter(Boolean).join(' · '))
      + row('received', IOC.dateTime(r.received_at)) + row('due', dueDay(r.due_at) + (r.overdue ? ' — ' + t('overdue') : ''))
      + row('resolution', r.resolution) + row('rating', r.rating && t('ratings')[r.rating]);
    $('detail-photos').innerHTML = '';
    r.photos.forEach(async p => {
      const img = document.createElement('img');
      img.alt = p.sha256;
      img.src = URL.createObjectURL(await IOC.blob(p.url));
      $('detail-photos').appendChild(img);
    });
    $('move-to').innerHTML = r.allowed.map(m => `<option value="${esc(m)}">${esc(t('moves')[m])}</option>`).join('');
    $('move').hidden = r.allowed.length === 0;
    $('move-agency').innerHTML = agencies.filter(a => a.id !== r.agency).map(a => `<option value="${esc(a.id)}">${esc(a.name)}</option>`).join('');
    showAgency();
    $('trail').innerHTML = r.audit.map(a => `<li>${esc(IOC.dateTime(a.at))} · ${esc(a.actor)} · ${esc(a.action)}${a.reason ? ' · ' + esc(a.reason) : ''}</li>`).join('');
  }

  function showAgency() {
    $('move-agency').hidden = $('move-to').value !== 'ASSIGNED';
  }

  async function move(ev) {
    ev.preventDefault();
    const body = { to: $('move-to').value };
    if (body.to === 'ASSIGNED') body.agency = $('move-agency').value;
    if ($('move-reason').value.trim()) body.reason = $('move-reason').value.trim();
    try {
      await IOC.api(`/api/reports/${encodeURIComponent(current.id)}/transitions`, { json: body });
      $('move-message').textContent = t('done');
      $('move-reason').value = '';
      await open(current.id);
    } catch (e) {
      $('move-message').textContent = t('failed') + e.message;
    }
  }

  function showSession(me) {
    const on = IOC.signedIn();
    $('signin').hidden = on;
    $('queue').hidden = !on;
    $('signout').hidden = !on;
    $('who').textContent = on && me ? me.username : '';
    if (!on) { $('detail').hidden = true; current = null; }
    loadQueue().catch(() => {});
  }

  IOC.bindLanguage($('lang'), T);
  IOC.onLanguage(() => { renderDetail(); loadQueue().catch(() => {}); });
  IOC.bindSignIn($('signin'), () => t('loginFailed'));
  IOC.onSession(showSession);
  $('signout').addEventListener('click', () => IOC.signOut());
  $('rows').addEventListener('click', ev => { const tr = ev.target.closest('tr[data-id]'); if (tr) open(tr.dataset.id); });
  $('only-overdue').addEventListener('change', () => loadQueue());
  $('move-to').addEventListener('change', showAgency);
  $('move').addEventListener('submit', move);
  IOC.api('/api/public/report-categories').then(c => { agencies = c.agencies; renderDetail(); }).catch(() => {});
  showSession(IOC.me());
  setInterval(() => loadQueue().catch(() => {}), 30000);
})();
