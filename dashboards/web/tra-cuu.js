'use strict';
// The public lookup (no sign-in): a plate's confirmed and notified violations, with the scene (only the violating
// vehicle sharp), and where to settle or contest. The notice's QR code opens /tra-cuu.html?bien-so=PLATE.
(() => {
  const { $, esc } = IOC;
  const T = {
    vi: {
      title: 'Tra cứu vi phạm giao thông', search: 'Tra cứu', plateLabel: 'Biển số xe', howto: 'Nộp phạt hoặc khiếu nại',
      lead: 'Tra cứu các vi phạm đã được cơ quan Công an xác nhận qua hệ thống camera giám sát (phạt nguội) theo biển số xe.',
      contest: 'Nếu không đồng ý với vi phạm, chủ phương tiện trình bày và khiếu nại tại trụ sở cơ quan nêu trên khi đến giải quyết; hình ảnh và video làm chứng cứ được lưu giữ có chữ ký số.',
      privacy: 'Trang này không hiển thị thông tin cá nhân của chủ phương tiện. Ảnh hiện trường chỉ giữ rõ phương tiện vi phạm, phần còn lại được làm mờ.',
      found: (p, n) => `Biển số ${p}: ${n} vi phạm`, none: p => `Không có vi phạm nào đã xác nhận của biển số ${p}.`,
      searching: 'Đang tra cứu…', invalid: 'Biển số gồm 6 đến 10 chữ và số, ví dụ 51F-123.45.',
      limited: 'Bạn tra cứu quá nhiều lần. Vui lòng thử lại sau một phút.', failed: 'Không tra cứu được lúc này. Vui lòng thử lại sau.',
      time: 'Thời gian', place: 'Địa điểm', status: 'Tình trạng', scene: 'Ảnh hiện trường (chỉ giữ rõ phương tiện vi phạm)'
    },
    en: {
      title: 'Traffic violation lookup', search: 'Search', plateLabel: 'Plate number', howto: 'Paying or contesting',
      lead: 'Look up violations confirmed by the police from the camera system (cold fines) by plate number.',
      contest: 'To contest a violation, the owner states it at the office above when settling the case; the photos and video are kept as digitally signed evidence.',
      privacy: 'This page shows no personal data of the owner. In the scene photo only the violating vehicle is sharp; the rest is pixelated.',
      found: (p, n) => `Plate ${p}: ${n} violation${n === 1 ? '' : 's'}`, none: p => `No confirmed violations for plate ${p}.`,
      searching: 'Searching…', invalid: 'A plate has 6 to 10 letters and digits, e.g. 51F-123.45.',
      limited: 'Too many lookups. Please try again in a minute.', failed: 'The lookup is unavailable right now. Please try again later.',
      time: 'Time', place: 'Place', status: 'Status', scene: 'Scene (only the violating vehicle is sharp)'
    }
  };
  const t = k => T[IOC.lang()][k];
  let last = null;

  const normalise = s => String(s || '').toUpperCase().replace(/[^A-Z0-9]/g, '');

  async function lookup(raw, push) {
    const plate = normalise(raw);
    const msg = $('message');
    if (plate.length < 6 || plate.length > 10) {
      msg.textContent = t('invalid');
      return;
    }
    if (push) history.replaceState(null, '', '/tra-cuu.html?bien-so=' + encodeURIComponent(plate));
    msg.textContent = t('searching');
    try {
      last = await IOC.api('/api/public/violations?plate=' + encodeURIComponent(plate));
      render();
    } catch (e) {
      last = null;
      $('results').hidden = true;
      msg.textContent = e.status === 429 ? t('limited') : e.status === 400 ? t('invalid') : t('failed');
    }
  }

  function render() {
    if (!last) return;
    const list = last.violations;
    $('message').textContent = list.length ? '' : t('none')(last.plate);
    $('results').hidden = list.length === 0;
    $('results-title').textContent = t('found')(last.plate, list.length);
    $('violations').innerHTML = list.map(v => `
      <li class="violation" data-id="${esc(v.id)}">
        <h3>${esc(IOC.label('type', v.violation_type))}</h3>
        <dl>
          <dt>${esc(t('time'))}</dt><dd class="time">${esc(v.time_local)}</dd>
          <dt>${esc(t('place'))}</dt><dd class="place">${esc(v.place)}</dd>
          <dt>${esc(t('status'))}</dt><dd class="status">${IOC.badge('status', v.status_code)}</dd>
        </dl>
        ${v.scene ? `<img class="scene" src="${esc(v.scene)}" alt="${esc(t('scene'))}" loading="lazy">` : ''}
      </li>`).join('');
    const howto = last.instructions && list.length > 0;
    $('howto').hidden = !howto;
    if (howto) {
      $('authority').textContent = last.authority;
      $('instructions').textContent = last.instructions;
    }
  }

  $('search').addEventListener('submit', ev => {
    ev.preventDefault();
    lookup($('plate').value, true);
  });
  IOC.bindLanguage($('lang'), T);
  IOC.onLanguage(() => render());
  const given = new URLSearchParams(location.search).get('bien-so');
  if (given) {
    $('plate').value = given;
    lookup(given, false);
  }
})();
