'use strict';
// Field reports, the citizen's side (no sign-in): file a report (category, description, place or position, photos),
// keep the link with the token, follow it and rate the result. The same page is the hotline operator's form
// (tong-dai.html sends operators to ?mode=hotline), signed in, with the caller's name and phone.
(() => {
  const { $, esc } = IOC;
  const hotline = new URLSearchParams(location.search).get('mode') === 'hotline';
  if (hotline) {
    document.body.dataset.mode = 'hotline';
    document.querySelector('header h1').dataset.i18n = 'hotlineTitle';
    document.title = 'Tổng đài tiếp nhận phản ánh — Mắt Thần';
  }
  const T = {
    vi: {
      choose: 'chọn', title: 'Phản ánh hiện trường', hotlineTitle: 'Tổng đài tiếp nhận phản ánh',
      lead: 'Gửi phản ánh về sự cố ở nơi công cộng. Cơ quan có trách nhiệm sẽ xử lý trong 7 ngày làm việc; bạn theo dõi và đánh giá kết quả bằng mã được cấp.',
      hotlineSignIn: 'Tổng đài viên đăng nhập để ghi nhận cuộc gọi.', signin: 'Đăng nhập', user: 'Tên đăng nhập', password: 'Mật khẩu',
      loginFailed: 'Sai tên đăng nhập hoặc mật khẩu', category: 'Loại vấn đề', description: 'Mô tả',
      place: 'Địa điểm (số nhà, đường, mốc)', locate: 'Lấy vị trí hiện tại', latitude: 'Vĩ độ', longitude: 'Kinh độ',
      photos: 'Ảnh (tối đa 3, mỗi ảnh ≤ 5 MB)', caller: 'Người gọi (tổng đài)', callerName: 'Họ tên người gọi', callerPhone: 'Số điện thoại người gọi',
      send: 'Gửi phản ánh', sending: 'Đang gửi…',
      privacy: 'Biểu mẫu không thu thập thông tin cá nhân. Ảnh chỉ cán bộ xử lý được xem, mỗi lần xem đều được ghi nhật ký.',
      received: 'Đã nhận phản ánh', keep: 'Lưu lại đường dẫn dưới đây để theo dõi và đánh giá kết quả xử lý:',
      trackTitle: 'Phản ánh của bạn', rateQ: 'Bạn có hài lòng với kết quả xử lý?', SATISFIED: 'Hài lòng', NEUTRAL: 'Bình thường',
      UNSATISFIED: 'Không hài lòng', comment: 'Góp ý thêm (không bắt buộc)', rate: 'Gửi đánh giá', thanks: 'Cảm ơn bạn đã đánh giá.',
      code: 'Mã phản ánh', status: 'Tình trạng', agency: 'Đơn vị xử lý', unit: 'Địa bàn', due: 'Hạn xử lý', resolution: 'Kết quả xử lý',
      rating: 'Đánh giá', categoryL: 'Loại', noAgency: 'Đang chờ phân công', noUnit: 'Chưa xác định', tooMany: 'Tối đa 3 ảnh.',
      needPlace: 'Hãy nhập địa điểm hoặc lấy vị trí.', needText: 'Hãy chọn loại vấn đề và mô tả (ít nhất 5 ký tự).',
      limited: 'Bạn gửi quá nhiều lần. Vui lòng thử lại sau một phút.', failed: 'Không gửi được: ', notFound: 'Không tìm thấy phản ánh với mã này.',
      noGeo: 'Thiết bị không cho lấy vị trí; hãy nhập địa điểm.', late: ' (quá hạn)',
      statuses: { RECEIVED: 'Đã tiếp nhận', ASSIGNED: 'Đã chuyển đơn vị xử lý', IN_PROGRESS: 'Đang xử lý', RESOLVED: 'Đã xử lý xong', RATED: 'Đã đánh giá' }
    },
    en: {
      choose: 'choose', title: 'Report a problem', hotlineTitle: 'Hotline report intake',
      lead: 'Report a problem in a public place. The responsible agency handles it within 7 working days; follow and rate the result with the code you get.',
      hotlineSignIn: 'Hotline operators sign in to record a call.', signin: 'Sign in', user: 'User name', password: 'Password',
      loginFailed: 'Wrong user name or password', category: 'Kind of problem', description: 'Description',
      place: 'Place (address, street, landmark)', locate: 'Use my position', latitude: 'Latitude', longitude: 'Longitude',
      photos: 'Photos (up to 3, each ≤ 5 MB)', caller: 'Caller (hotline)', callerName: "Caller's name", callerPhone: "Caller's phone",
      send: 'Send report', sending: 'Sending…',
      privacy: 'This form collects no personal data. Photos are seen only by the staff handling the report; each view is logged.',
      received: 'Report received', keep: 'Keep the link below to follow the report and rate the result:',
      trackTitle: 'Your report', rateQ: 'Are you satisfied with the result?', SATISFIED: 'Satisfied', NEUTRAL: 'Neutral',
      UNSATISFIED: 'Not satisfied', comment: 'Comment (optional)', rate: 'Send rating', thanks: 'Thank you for your rating.',
      code: 'Report code', status: 'Status', agency: 'Handled by', unit: 'Area', due: 'Deadline', resolution: 'What was done',
      rating: 'Rating', categoryL: 'Kind', noAgency: 'Awaiting assignment', noUnit: 'Not determined', tooMany: 'At most 3 photos.',
      needPlace: 'Enter a place or use your position.', needText: 'Choose a kind of problem and describe it (at least 5 characters).',
      limited: 'Too many reports. Please try again in a minute.', failed: 'Could not send: ', notFound: 'No report with this code.',
      noGeo: 'The device gives no position; enter the place.', late: ' (overdue)',
      statuses: { RECEIVED: 'Received', ASSIGNED: 'Assigned to an agency', IN_PROGRESS: 'In progress', RESOLVED: 'Resolved', RATED: 'Rated' }
    }
  };
  const t = k => T[IOC.lang()][k];
  // A deadline is the end of its last working day (the next midnight in Vietnam): shown as that day.
  const dueDay = iso => (IOC.lang() === 'vi' ? 'hết ngày ' : 'end of ') + new Intl.DateTimeFormat(IOC.lang() === 'vi' ? 'vi-VN' : 'en-GB',
    { dateStyle: 'full', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(new Date(iso).getTime() - 1000));
  let categories = [];
  let tracked = null;

  function fillCategories() {
    const sel = $('category');
    const keep = sel.value;
    sel.innerHTML = `<option value="">— ${esc(t('choose'))} —</option>` + categories.map(c =>
      `<option value="${esc(c.id)}">${esc(IOC.lang() === 'vi' ? c.name_vi : c.name_en)}</option>`).join('');
    sel.value = keep;
  }

  const base64 = file => new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
  const num = s => s.trim() === '' ? null : Number(s.replace(',', '.'));

  async function send(ev) {
    ev.preventDefault();
    const msg = $('message');
    const files = [...$('photos').files];
    const lat = num($('latitude').value), lon = num($('longitude').value);
    const body = { category: $('category').value, description: $('description').value.trim() };
    if (!body.category || body.description.length < 5) { msg.textContent = t('needText'); return; }
    if (files.length > 3) { msg.textContent = t('tooMany'); return; }
    if ($('place').value.trim()) body.place = $('place').value.trim();
    if (lat !== null && lon !== null && !isNaN(lat) && !isNaN(lon)) { body.latitude = lat; body.longitude = lon; }
    if (!body.place && body.latitude === undefined) { msg.textContent = t('needPlace'); return; }
    if (hotline) {
      if ($('reporter_name').value.trim()) body.reporter_name = $('reporter_name').value.trim();
      if ($('reporter_phone').value.trim()) body.reporter_phone = $('reporter_phone').value.trim();
    }
    body.photos = await Promise.all(files.map(async f => ({ media_type: f.type === 'image/png' ? 'image/png' : 'image/jpeg', data: await base64(f) })));
    msg.textContent = t('sending');
    $('send').disabled = true;
    try {
      const r = await IOC.api('/api/reports', { json: body });
      msg.textContent = '';
      showReceipt(r);
      $('intake').reset();
    } catch (e) {
      msg.textContent = e.status === 429 ? t('limited') : t('failed') + e.message;
    } finally {
      $('send').disabled = false;
    }
  }

  function showReceipt(r) {
    const link = location.origin + r.track_url;
    $('receipt-data').innerHTML = `<dt>${esc(t('code'))}</dt><dd id="receipt-id">${esc(r.id)}</dd>`
      + `<dt>${esc(t('agency'))}</dt><dd id="receipt-agency">${esc(r.agency_name || t('noAgency'))}</dd>`
      + `<dt>${esc(t('unit'))}</dt><dd>${esc(r.unit_name || t('noUnit'))}</dd>`
      + `<dt>${esc(t('due'))}</dt><dd id="receipt-due">${esc(dueDay(r.due_at))}</dd>`;
    $('track-link').href = r.track_url;
    $('track-link').textContent = link;
    $('receipt').hidden = false;
    $('receipt').scrollIntoView({ block: 'start' });
  }

  async function track() {
    const q = new URLSearchParams(location.search);
    const id = q.get('ma'), token = q.get('token');
    if (!id || !token) return;
    $('intake').hidden = true;
    $('track').hidden = false;
    try {
      tracked = await IOC.api(`/api/public/reports/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`);
      tracked.token = token;
      renderTrack();
    } catch (e) {
      $('track-message').textContent = e.status === 404 ? t('notFound') : t('failed') + e.message;
    }
  }

  function renderTrack() {
    const r = tracked;
    if (!r) return;
    const status = t('statuses')[r.status] || r.status;
    $('track-data').innerHTML = `<dt>${esc(t('code'))}</dt><dd>${esc(r.id)}</dd>`
      + `<dt>${esc(t('categoryL'))}</dt><dd>${esc(IOC.lang() === 'vi' ? r.category_vi : r.category_en)}</dd>`
      + `<dt>${esc(t('status'))}</dt><dd id="track-status" data-status="${esc(r.status)}">${esc(status)}</dd>`
      + `<dt>${esc(t('agency'))}</dt><dd>${esc(r.agency_name || t('noAgency'))}</dd>`
      + `<dt>${esc(t('unit'))}</dt><dd>${esc(r.unit_name || t('noUnit'))}</dd>`
      + `<dt>${esc(t('due'))}</dt><dd class="${r.overdue ? 'late' : ''}">${esc(dueDay(r.due_at))}${r.overdue ? esc(t('late')) : ''}</dd>`
      + (r.resolution ? `<dt>${esc(t('resolution'))}</dt><dd id="track-resolution">${esc(r.resolution)}</dd>` : '')
      + (r.rating ? `<dt>${esc(t('rating'))}</dt><dd id="track-rating">${esc(t(r.rating))}</dd>` : '');
    $('rating').hidden = r.status !== 'RESOLVED';
  }

  async function rate(ev) {
    ev.preventDefault();
    const f = new FormData($('rating'));
    if (!f.get('rating')) return;
    try {
      await IOC.api(`/api/public/reports/${encodeURIComponent(tracked.id)}/rating`,
        { json: { token: tracked.token, rating: f.get('rating'), comment: f.get('comment') || '' } });
      $('track-message').textContent = t('thanks');
      await track();
    } catch (e) {
      $('track-message').textContent = t('failed') + e.message;
    }
  }

  function locate() {
    if (!navigator.geolocation) { $('message').textContent = t('noGeo'); return; }
    navigator.geolocation.getCurrentPosition(p => {
      $('latitude').value = p.coords.latitude.toFixed(6);
      $('longitude').value = p.coords.longitude.toFixed(6);
    }, () => { $('message').textContent = t('noGeo'); }, { enableHighAccuracy: true, timeout: 10000 });
  }

  function showMode() {
    if (!hotline) return;
    const signedIn = IOC.signedIn();
    $('signin').hidden = signedIn;
    $('intake').hidden = !signedIn;
    document.querySelectorAll('fieldset.hotline-only').forEach(e => { e.hidden = !signedIn; });
  }

  IOC.bindLanguage($('lang'), Object.fromEntries(Object.entries(T).map(([k, v]) => [k, v])));
  IOC.onLanguage(() => { fillCategories(); renderTrack(); });
  IOC.onSession(showMode);
  if (hotline) IOC.bindSignIn($('signin'), () => t('loginFailed'));
  $('intake').addEventListener('submit', send);
  $('rating').addEventListener('submit', rate);
  $('locate').addEventListener('click', locate);
  showMode();
  IOC.api('/api/public/report-categories').then(c => { categories = c.categories; fillCategories(); }).catch(() => {});
  track();
})();
