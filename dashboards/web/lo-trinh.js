'use strict';
// Route tracing for police investigators: a plate's sightings at the cameras of their jurisdiction, drawn on the map in
// time order with times, look-alike plates apart, and the route exported as a signed PDF or CSV. Each lookup needs its
// reason, which the server writes to the audit log before it answers.
(() => {
  const { $, esc } = IOC;
  const T = {
    vi: {
      title: 'Truy vết lộ trình theo biển số', signin: 'Đăng nhập', signout: 'Đăng xuất', user: 'Tên đăng nhập', password: 'Mật khẩu',
      loginFailed: 'Sai tên đăng nhập hoặc mật khẩu', plate: 'Biển số', from: 'Từ', to: 'Đến', caseRef: 'Số hồ sơ vụ việc',
      reason: 'Lý do tra cứu (bắt buộc, được ghi vào nhật ký)', find: 'Tra cứu lộ trình', exportPdf: 'Xuất PDF có ký số',
      exportCsv: 'Xuất CSV có ký số', sightings: 'Các lần được ghi nhận (theo thời gian)', mapLabel: 'Bản đồ lộ trình',
      near: 'Biển số gần giống (khác một ký tự dễ nhầm) — cần đối chiếu', none: 'Không có.', found: n => `${n} lần ghi nhận`,
      needsCheck: 'cần người kiểm tra', forward: 'chiều xuôi', backward: 'chiều ngược', confidence: 'độ tin cậy',
      differs: 'khác ở ký tự thứ', failed: 'Không tra cứu được: ', truncated: 'Chỉ hiện 1.000 lần đầu: thu hẹp khoảng thời gian.',
      passages: n => n > 1 ? ` (${n} lượt qua vạch)` : '', exported: 'Đã tải tệp có ký số.'
    },
    en: {
      title: 'Route tracing by plate', signin: 'Sign in', signout: 'Sign out', user: 'User name', password: 'Password',
      loginFailed: 'Wrong user name or password', plate: 'Plate', from: 'From', to: 'To', caseRef: 'Case file number',
      reason: 'Reason for the lookup (required, written to the audit log)', find: 'Trace route', exportPdf: 'Export signed PDF',
      exportCsv: 'Export signed CSV', sightings: 'Sightings (in time order)', mapLabel: 'Route map',
      near: 'Look-alike plates (one confusable character apart) — to be checked', none: 'None.', found: n => `${n} sighting(s)`,
      needsCheck: 'needs a human check', forward: 'forward', backward: 'backward', confidence: 'confidence',
      differs: 'differs at character', failed: 'Lookup failed: ', truncated: 'Only the first 1,000 shown: narrow the period.',
      passages: n => n > 1 ? ` (${n} line crossings)` : '', exported: 'Signed file downloaded.'
    }
  };
  const t = k => T[IOC.lang()][k];
  let map = null, layer = null, last = null, lastQuery = null;

  const localInput = d => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);

  function query() {
    const p = new URLSearchParams({ reason: $('reason').value.trim(), from: new Date($('from').value).toISOString(),
      to: new Date($('to').value).toISOString() });
    if ($('case-ref').value.trim()) p.set('case_ref', $('case-ref').value.trim());
    return { plate: $('plate').value.trim(), params: p.toString() };
  }

  async function find(ev) {
    ev.preventDefault();
    $('message').textContent = '';
    const q = query();
    try {
      last = await IOC.api('/api/plates/' + encodeURIComponent(q.plate) + '/sightings?' + q.params);
      lastQuery = q;
      render();
    } catch (e) {
      $('result').hidden = true;
      $('message').textContent = t('failed') + e.message;
    }
  }

  function item(s, i, nearMatch) {
    const conf = s.confidence == null ? '–' : Math.round(s.confidence * 100) + ' %';
    const diff = nearMatch && s.differs_at ? ` · ${esc(t('differs'))} ${s.differs_at.map(x => x + 1).join(', ')}` : '';
    return `<li data-passage="${esc(s.passage_id)}"><strong>${i + 1}.</strong>
      ${s.thumbnail ? `<img alt="${esc(s.plate_display || s.plate)}" data-src="${esc(s.thumbnail)}">` : ''}
      <span><time datetime="${esc(s.time)}">${esc(IOC.dateTime(s.time))}</time> — <b class="plate">${esc(s.plate_display || s.plate)}</b>
      · ${esc(s.camera_name)} (${esc(s.camera_id)}) · ${esc(t(s.direction) || s.direction)} · ${esc(IOC.label('vehicle', s.vehicle_class))}
      · ${esc(t('confidence'))} ${esc(conf)}${s.needs_check ? ` · <span class="check">⚠ ${esc(t('needsCheck'))}</span>` : ''}${diff}${esc(t('passages')(s.passages))}</span></li>`;
  }

  function render() {
    if (!last) return;
    $('result').hidden = false;
    $('result-title').textContent = `${last.plate} — ${t('found')(last.sightings.length)}` + (last.truncated ? ' · ' + t('truncated') : '');
    $('sightings').innerHTML = last.sightings.length ? last.sightings.map((s, i) => item(s, i, false)).join('') : `<li>${esc(t('none'))}</li>`;
    $('near').innerHTML = last.near_matches.length ? last.near_matches.map((s, i) => item(s, i, true)).join('') : `<li>${esc(t('none'))}</li>`;
    document.querySelectorAll('#result img[data-src]').forEach(img => IOC.blob(img.dataset.src)
      .then(b => { img.src = URL.createObjectURL(b); }).catch(() => img.remove()));
    draw();
  }

  function draw() {
    if (!map) {
      map = L.map('map', { attributionControl: true });
      const tiles = new URLSearchParams(location.search).get('tiles');
      if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
    }
    if (layer) layer.remove();
    layer = L.layerGroup().addTo(map);
    const pts = last.sightings.filter(s => s.latitude != null && s.longitude != null);
    pts.forEach((s, i) => L.marker([s.latitude, s.longitude], {
      icon: L.divIcon({ className: 'route-label', html: String(i + 1), iconSize: [22, 22] }),
      title: `${i + 1}. ${IOC.time(s.time)} ${s.camera_name}`
    }).bindTooltip(`${i + 1}. ${esc(IOC.dateTime(s.time))}<br>${esc(s.camera_name)}`, { permanent: true, direction: 'right' }).addTo(layer));
    if (pts.length > 1) L.polyline(pts.map(s => [s.latitude, s.longitude]), { color: '#b00020', weight: 3 }).addTo(layer);
    if (pts.length) map.fitBounds(L.latLngBounds(pts.map(s => [s.latitude, s.longitude])).pad(0.3), { maxZoom: 16 });
    else map.setView([15.12, 108.8], 12);
  }

  async function exportAs(format) {
    if (!lastQuery) return;
    try {
      const b = await IOC.blob('/api/plates/' + encodeURIComponent(lastQuery.plate) + '/route.' + format + '?' + lastQuery.params);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(b);
      a.download = `lo-trinh-${last.plate}.${format}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      $('message').textContent = t('exported');
    } catch (e) {
      $('message').textContent = t('failed') + e.message;
    }
  }

  function showSession(me) {
    const on = IOC.signedIn();
    $('signin').hidden = on;
    $('search-page').hidden = !on;
    $('signout').hidden = !on;
    $('who').textContent = on && me ? me.username : '';
    if (!on) { $('result').hidden = true; last = null; }
  }

  const now = new Date();
  $('to').value = localInput(now);
  $('from').value = localInput(new Date(now.getTime() - 7 * 86400000));
  const asked = new URLSearchParams(location.search).get('bien-so');
  if (asked) $('plate').value = asked;
  IOC.bindLanguage($('lang'), T);
  IOC.onLanguage(() => render());
  IOC.bindSignIn($('signin'), () => t('loginFailed'));
  IOC.onSession(showSession);
  $('signout').addEventListener('click', () => IOC.signOut());
  $('search').addEventListener('submit', find);
  $('export-pdf').addEventListener('click', () => exportAs('pdf'));
  $('export-csv').addEventListener('click', () => exportAs('csv'));
  showSession(IOC.me());
})();
