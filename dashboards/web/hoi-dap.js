// Leaders' assistant: a Vietnamese question box; each answer shows its figures, where they came from and a link to
// the same view on the map. A question not understood (or without data) is said so, with close questions to try.
'use strict';

const TEXT = {
  vi: {
    title: 'Trợ lý hỏi đáp số liệu', mapLink: 'Bản đồ thực thi thể chế', signin: 'Đăng nhập', signout: 'Đăng xuất',
    user: 'Tên đăng nhập', password: 'Mật khẩu', ask: 'Hỏi bằng tiếng Việt, có dấu hoặc không dấu', send: 'Hỏi',
    examples: 'Câu hỏi mẫu', asking: 'Đang tìm số liệu…', openMap: 'Xem trên bản đồ', source: 'Nguồn', indicator: 'Chỉ số',
    unit: 'Đơn vị', period: 'Kỳ', value: 'Giá trị', status: 'Đánh giá', tryThese: 'Thử hỏi:', loginFailed: 'Sai tên đăng nhập hoặc mật khẩu',
    forbidden: 'Trợ lý dành cho lãnh đạo và quản trị viên.'
  },
  en: {
    title: "Leaders' assistant", mapLink: 'Institutional performance map', signin: 'Sign in', signout: 'Sign out',
    user: 'User name', password: 'Password', ask: 'Ask in Vietnamese, with or without diacritics', send: 'Ask',
    examples: 'Example questions', asking: 'Looking up the figures…', openMap: 'Open on the map', source: 'Source', indicator: 'Indicator',
    unit: 'Unit', period: 'Period', value: 'Value', status: 'Status', tryThese: 'Try:', loginFailed: 'Wrong user name or password',
    forbidden: 'The assistant is for leaders and administrators.'
  }
};
const { $, esc } = IOC;
const t = key => TEXT[IOC.lang()][key];
const answers = [];
/** Questions that work on the bundled Quảng Ngãi report and the cameras' figures. */
const EXAMPLES = [
  'Tỷ lệ số hóa hồ sơ khi tiếp nhận của huyện Sơn Hà tháng 10/2023?',
  'Huyện nào có tỷ lệ số hóa hồ sơ thấp nhất tháng 10/2023?',
  'xa nao cua huyen Son Ha co ty le ho so truc tuyen cao nhat',
  'Có bao nhiêu xã của Sơn Hà đạt tỷ lệ ký số văn bản?',
  'So sánh tỷ lệ số hóa kết quả của Ba Tơ và Lý Sơn',
  'Số vụ vượt đèn đỏ toàn tỉnh tháng này so với tháng trước'
];

function showSession(me) {
  $('login').hidden = !!me;
  $('signout').hidden = !me;
  $('app').hidden = !me;
  if (me) { $('examples').innerHTML = EXAMPLES.map(q => `<button type="button">${esc(q)}</button>`).join(''); bindAsk($('examples')); }
}
IOC.bindSignIn($('login'), () => t('loginFailed'));
$('signout').addEventListener('click', () => IOC.signOut());
IOC.bindLanguage($('lang'), TEXT);
IOC.onLanguage(() => render());

function bindAsk(container) {
  container.querySelectorAll('button').forEach(b => b.addEventListener('click', () => { $('question').value = b.textContent; ask(b.textContent); }));
}

$('ask').addEventListener('submit', ev => { ev.preventDefault(); ask($('question').value); });

async function ask(question) {
  if (!question.trim()) return;
  $('busy').textContent = t('asking');
  try {
    const a = await IOC.api('/api/ask', { json: { question } });
    answers.unshift(a);
    $('busy').textContent = '';
  } catch (e) {
    $('busy').textContent = e.status === 403 ? t('forbidden') : e.message;
    return;
  }
  render();
}

const fmt = (v, unit) => v === null || v === undefined ? '–' : new Intl.NumberFormat(IOC.lang() === 'vi' ? 'vi-VN' : 'en-GB',
  { minimumFractionDigits: unit === '%' ? 2 : 0, maximumFractionDigits: 2 }).format(v) + (unit === '%' ? '%' : unit ? ' ' + unit : '');

function render() {
  const vi = IOC.lang() === 'vi';
  $('answers').innerHTML = answers.map(a => {
    const first = (a.figures || [])[0];
    const unit = a.indicator ? a.indicator.unit : '';
    const rows = (a.figures || []).length > 1 || a.kind === 'ranking' ? `<table><thead><tr><th>${t('unit')}</th><th>${t('value')}</th>${
      a.indicator ? `<th>${t('status')}</th>` : ''}</tr></thead><tbody>${a.figures.map(f => `<tr data-code="${esc(f.unit_code)}"><td>${esc(f.unit_name)}</td>
      <td class="num">${fmt(f.value, unit)}</td>${a.indicator ? `<td><span class="status ${esc(f.status)}">${esc(f.status_vi || '')}</span></td>` : ''}</tr>`).join('')}</tbody></table>` : '';
    const cite = a.understood ? `<p class="cite">${a.indicator ? `${t('indicator')}: ${esc(vi ? a.indicator.name_vi : a.indicator.name_en)} · ` : ''}${
      t('period')}: ${esc(vi ? a.period_vi || a.period : a.period)}${a.source ? ` · ${t('source')}: ${esc(a.source)}` : ''}${
      a.map && a.indicator ? ` · <a class="map-link" href="${esc(a.map)}">${t('openMap')}</a>` : ''}</p>` : '';
    const suggestions = (a.suggestions || []).length ? `<p class="cite">${t('tryThese')}</p><div class="suggestions">${
      a.suggestions.map(s => `<button type="button">${esc(s)}</button>`).join('')}</div>` : '';
    return `<article data-kind="${esc(a.kind)}" data-status="${esc(first && a.kind === 'value' ? first.status : '')}">
      <p class="asked">❓ ${esc(a.question)}</p><p class="text">${esc(vi ? a.answer_vi : a.answer_en)}</p>${rows}${cite}${suggestions}</article>`;
  }).join('');
  $('answers').querySelectorAll('.suggestions').forEach(bindAsk);
}

IOC.onSession(showSession);
showSession(IOC.me());
