// Leaders' map: units coloured by the status of one indicator in one period, with labels (status never by colour
// alone), a legend of the catalog thresholds, a panel per unit (value, target, rank, trend, children) and a table.
'use strict';

const TEXT = {
  vi: {
    title: 'Bản đồ thực thi thể chế', signin: 'Đăng nhập', signout: 'Đăng xuất', user: 'Tên đăng nhập', password: 'Mật khẩu',
    indicator: 'Chỉ số', period: 'Kỳ', map: 'Bản đồ', table: 'Bảng', rank: 'Hạng', unit: 'Đơn vị', value: 'Giá trị',
    target: 'Mục tiêu', status: 'Đánh giá', trend: 'Diễn biến qua các kỳ', children: 'Đơn vị cấp dưới', childIndicator: 'Chỉ số',
    drill: 'Xem bản đồ cấp dưới', scorecard: 'Các chỉ số của đơn vị', country: 'Toàn quốc', computed: 'tính từ camera',
    noOutline: 'Cấp này chưa có lớp ranh giới được cấp phép — xem dạng bảng.', noChildren: 'Không có số liệu cấp dưới cho kỳ này.',
    reported: 'Số liệu báo cáo', aggregated: n => `Tổng hợp từ ${n} đơn vị cấp dưới`, none: 'Không có số liệu',
    rankOf: (r, n) => `${r}/${n} đơn vị cùng cấp`, higher: 'Càng cao càng tốt', lower: 'Càng thấp càng tốt',
    childrenUnknown: 'Chưa nạp danh sách đơn vị cấp dưới theo địa giới hiện hành — hiển thị chính đơn vị này.',
    source: 'Nguồn', loginFailed: 'Sai tên đăng nhập hoặc mật khẩu', loading: 'Đang tải…', noTrend: 'Chưa có kỳ trước.',
    goals: 'Số đơn vị đạt mục tiêu', changelog: 'Lịch sử thay đổi danh mục chỉ số', noTarget: 'Không đặt mục tiêu',
    noTargetLegend: 'Chỉ số này không có mục tiêu ở cấp này: chỉ hiển thị giá trị, không tô màu đánh giá.',
    basis: 'Căn cứ mục tiêu', ownTarget: 'Mục tiêu riêng của danh mục (không trích từ nghị quyết)', from: 'từ kỳ',
    unconfirmed: 'lời văn chờ đối chiếu với văn bản', pendingFigure: 'con số mục tiêu chờ đối chiếu — chưa tô màu',
    definition: 'Cách tính', sourceTable: 'Nguồn số liệu', changedIn: 'Định nghĩa thay đổi gần nhất',
    version: (v, d) => `phiên bản ${v} (${d})`, touches: 'có thay đổi chỉ số đang xem',
    reached: (k, n, lv) => `${k}/${n} ${lv} đạt mục tiêu`, withData: n => `${n} có số liệu`,
    required: g => g.required_count != null ? `chỉ tiêu: ${g.required_count} đơn vị` : g.required_share != null ? `chỉ tiêu: ${g.required_share}% số đơn vị`
      : 'chỉ tiêu số đơn vị chờ đối chiếu', noGoals: 'Không có chỉ tiêu nào có số liệu cho các đơn vị cấp dưới.',
    levels: { province: 'tỉnh', district: 'huyện', commune: 'xã' }
  },
  en: {
    title: 'Institutional performance map', signin: 'Sign in', signout: 'Sign out', user: 'User name', password: 'Password',
    indicator: 'Indicator', period: 'Period', map: 'Map', table: 'Table', rank: 'Rank', unit: 'Unit', value: 'Value',
    target: 'Target', status: 'Status', trend: 'Trend over periods', children: 'Subordinate units', childIndicator: 'Indicator',
    drill: 'Open the map of subordinate units', scorecard: 'All indicators of the unit', country: 'Whole country', computed: 'from cameras',
    noOutline: 'No licensed boundary layer for this tier — shown as a table.', noChildren: 'No subordinate data for this period.',
    reported: 'Reported value', aggregated: n => `Aggregated from ${n} subordinate units`, none: 'No data',
    rankOf: (r, n) => `${r} of ${n} sibling units`, higher: 'Higher is better', lower: 'Lower is better',
    childrenUnknown: 'The subordinate units of the current layout are not loaded — showing the unit itself.',
    source: 'Source', loginFailed: 'Wrong user name or password', loading: 'Loading…', noTrend: 'No earlier period.',
    goals: 'Units reaching the target', changelog: 'Changes to the indicator catalog', noTarget: 'No target set',
    noTargetLegend: 'No target for this indicator at this tier: values are shown without a judging colour.',
    basis: 'Target set by', ownTarget: "The catalog's own target (not from a resolution)", from: 'from',
    unconfirmed: 'wording awaiting comparison with the document', pendingFigure: 'target figure awaiting confirmation — not coloured',
    definition: 'Definition', sourceTable: 'Source table', changedIn: 'Definition last changed',
    version: (v, d) => `version ${v} (${d})`, touches: 'changed the indicator shown',
    reached: (k, n, lv) => `${k} of ${n} ${lv} reach the target`, withData: n => `${n} with data`,
    required: g => g.required_count != null ? `goal: ${g.required_count} units` : g.required_share != null ? `goal: ${g.required_share}% of the units`
      : 'required number awaiting confirmation', noGoals: 'No goal has data for the subordinate units.',
    levels: { province: 'provinces', district: 'districts', commune: 'communes' }
  }
};
// NO_TARGET: a value judged against no target, in a neutral tone that reads as neither good nor bad.
const COLOUR = { GREEN: '#2e7d32', AMBER: '#f9a825', RED: '#c62828', NO_TARGET: '#8fb3d6', NO_DATA: '#9e9e9e' };
// A second cue besides colour: the outline's dash pattern.
const DASH = { GREEN: null, AMBER: '6 3', RED: '2 3', NO_TARGET: '8 2 2 2', NO_DATA: '1 4' };

const state = {
  catalog: null, indicator: null, period: null, parent: null, collection: null, view: 'map', open: null
};
const params = new URLSearchParams(location.search);
const { $, esc } = IOC;
const t = key => TEXT[IOC.lang()][key];
let map, layer;

function fmt(v, unit, minDigits) {
  if (v === null || v === undefined) return '–';
  // Percentages as the provincial reports print them: always two decimals.
  const s = new Intl.NumberFormat(IOC.lang() === 'vi' ? 'vi-VN' : 'en-GB',
    { minimumFractionDigits: minDigits ?? (unit === '%' ? 2 : 0), maximumFractionDigits: 2 }).format(v);
  return unit === '%' ? s + '%' : s + (unit ? ' ' + unit : '');
}
const statusText = p => IOC.lang() === 'vi' ? p.status_vi : p.status_en;
const badge = p => `<span class="status ${p.status}">${p.symbol} ${statusText(p)}</span>`;
const indName = i => IOC.lang() === 'vi' ? i.name_vi : i.name_en;

const api = IOC.api;

function showSession(me) {
  $('login').hidden = !!me;
  $('signout').hidden = !me;
  if (!me) { $('app').hidden = true; return; }
  start().catch(e => { $('message').textContent = e.message; });
}
IOC.bindSignIn($('login'), () => t('loginFailed'));
$('signout').addEventListener('click', () => IOC.signOut());
IOC.bindLanguage($('lang'), TEXT);
IOC.onLanguage(() => { if (state.catalog) { fillIndicators(); render(); if (state.open) openPanel(state.open); } });
$('show-map').addEventListener('click', () => setView('map'));
$('show-table').addEventListener('click', () => setView('table'));
$('panel-close').addEventListener('click', () => { $('panel').hidden = true; state.open = null; });
$('indicator').addEventListener('change', () => { state.indicator = $('indicator').value; fillPeriods(); load(); });
$('period').addEventListener('change', () => { state.period = $('period').value; load(); });
$('drill').addEventListener('click', () => { state.parent = state.open; $('panel').hidden = true; load(); });

function setView(v) {
  state.view = v;
  $('show-map').setAttribute('aria-pressed', v === 'map');
  $('show-table').setAttribute('aria-pressed', v === 'table');
  $('map').hidden = v !== 'map';
  $('table-view').hidden = v !== 'table';
  // The legend floats over the map; in the table view it heads the table instead of covering rows.
  const legend = $('legend');
  if (v === 'table') $('table-view').prepend(legend); else document.getElementById('app').appendChild(legend);
  legend.classList.toggle('inline', v === 'table');
  if (v === 'map' && map) map.invalidateSize();
}

function indicator(id) { return state.catalog.indicators.find(i => i.id === id); }

/** Periods to offer: those with data for an imported indicator (any indicator's when it has none); the last 12 months and today for a computed one. */
function periodsOf(ind) {
  // An imported indicator nobody reported yet: the periods of the others, so that its "no data" can be seen.
  if (ind.source !== 'computed') return ind.periods.length ? ind.periods
    : [...new Set(state.catalog.indicators.flatMap(i => i.periods))].sort().reverse();
  const now = new Date(), out = [now.toISOString().slice(0, 10)];
  for (let m = 0; m < 12; m++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

function fillIndicators() {
  $('indicator').innerHTML = state.catalog.indicators.map(i => `<option value="${i.id}">${esc(indName(i))}${
    i.source === 'computed' ? ' (' + t('computed') + ')' : ''}</option>`).join('');
  $('indicator').value = state.indicator;
}

function fillPeriods() {
  const list = periodsOf(indicator(state.indicator));
  if (!list.includes(state.period)) state.period = list[0];
  $('period').innerHTML = list.map(p => `<option>${p}</option>`).join('');
  $('period').value = state.period;
}

async function start() {
  $('login').hidden = true; $('app').hidden = false; $('signout').hidden = false;
  state.catalog = await api('/api/indicators');
  const first = state.catalog.indicators.find(i => i.periods.length) || state.catalog.indicators[0];
  state.indicator = indicator(params.get('indicator')) ? params.get('indicator') : first.id;
  state.period = params.get('period');
  state.parent = params.get('parent') || state.catalog.home_unit;
  fillIndicators();
  fillPeriods();
  if (!map) {
    map = L.map('map', { zoomSnap: 0.25, attributionControl: true });
    if (params.get('tiles')) L.tileLayer(params.get('tiles'), { maxZoom: 18 }).addTo(map);
    map.attributionControl.addAttribution('Ranh giới: dvhcvn (gis.chinhphu.vn), GSO');
  }
  await load();
  // ?unit= (the assistant's links): open that unit's panel once, among the parent's units
  if (params.get('unit') && state.collection) { await openPanel(params.get('unit')); params.delete('unit'); }
}

async function load() {
  $('message').textContent = t('loading');
  const q = new URLSearchParams({ indicator: state.indicator, period: state.period });
  if (state.parent) q.set('parent', state.parent);
  if (params.get('layout')) q.set('layout', params.get('layout')); // e.g. pre2025: a current period drawn on the former districts
  history.replaceState(null, '', '?' + q);
  try {
    state.collection = await api('/api/map?' + q);
    $('message').textContent = '';
  } catch (e) {
    $('message').textContent = e.message;
    return;
  }
  render();
}

function render() {
  const c = state.collection;
  if (!c) return;
  const ind = c.indicator;
  // Breadcrumbs: country › province › district
  const crumbs = [`<button type="button" data-code="">${t('country')}</button>`];
  (c.parent ? c.parent.path : []).forEach(u => crumbs.push(`<span class="sep">›</span><button type="button" data-code="${u.code}">${esc(u.name)}</button>`));
  $('crumbs').innerHTML = crumbs.join('');
  $('crumbs').querySelectorAll('button').forEach(b => b.addEventListener('click', () => { state.parent = b.dataset.code || null; $('panel').hidden = true; load(); }));

  if (layer) layer.remove();
  const drawn = c.features.filter(f => f.geometry);
  layer = L.geoJSON({ type: 'FeatureCollection', features: drawn }, {
    style: f => ({ color: '#263238', weight: 1.2, dashArray: DASH[f.properties.status], fillColor: COLOUR[f.properties.status], fillOpacity: 0.7 }),
    onEachFeature: (f, l) => {
      const p = f.properties;
      l.bindTooltip(`<b>${p.symbol}</b>${esc(p.name_short)} ${fmt(p.value, ind.unit)}`, { permanent: true, direction: 'center', className: 'unit-label' });
      l.on('click', () => openPanel(p.code));
      l.on('add', () => {
        const e = l.getElement();
        e.setAttribute('data-code', p.code);
        e.setAttribute('data-status', p.status);
        e.setAttribute('tabindex', '0');
        e.setAttribute('role', 'button');
        e.setAttribute('aria-label', `${p.name}: ${fmt(p.value, ind.unit)} — ${statusText(p)}`);
        e.addEventListener('keydown', ev => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); openPanel(p.code); } });
      });
    }
  }).addTo(map);
  if (drawn.length) {
    map.fitBounds(layer.getBounds(), { padding: [20, 20] });
    if (state.view !== 'map') setView(state.view);
  } else {
    $('message').textContent = t('noOutline');
    setView('table');
  }
  if (c.children_unknown) $('message').textContent = t('childrenUnknown');
  renderTable(c);
  renderLegend(c);
}

function byRank(a, b) {
  const ra = a.properties.rank || 1e9, rb = b.properties.rank || 1e9;
  return ra - rb || a.properties.name.localeCompare(b.properties.name, 'vi');
}

function renderTable(c) {
  const ind = c.indicator;
  $('table-caption').textContent = `${indName(ind)} — ${c.period}${c.parent ? ' — ' + c.parent.name : ''}`;
  const rows = [...c.features].sort(byRank).map(f => {
    const p = f.properties;
    return `<tr class="clickable" tabindex="0" data-code="${p.code}"><td>${p.rank || '–'}</td><td>${esc(p.name)}</td>
      <td class="num">${fmt(p.value, ind.unit)}</td><td class="num">${p.strict && p.target != null ? (ind.direction === 'higher' ? '> ' : '< ') : ''}${fmt(p.target, ind.unit, 0)}</td><td>${badge(p)}</td></tr>`;
  });
  const body = document.querySelector('#units-table tbody');
  body.innerHTML = rows.join('');
  body.querySelectorAll('tr').forEach(tr => {
    tr.addEventListener('click', () => openPanel(tr.dataset.code));
    tr.addEventListener('keydown', ev => { if (ev.key === 'Enter') openPanel(tr.dataset.code); });
  });
}

function swatch(status) {
  return `<svg width="26" height="16" aria-hidden="true"><rect x="1" y="1" width="24" height="14" fill="${COLOUR[status]}" fill-opacity=".7"
    stroke="#263238" stroke-width="1.5" ${DASH[status] ? `stroke-dasharray="${DASH[status]}"` : ''}/></svg>`;
}

/** Where a tier's target comes from: the cited document (its wording, the period it applies from) or the catalog itself. */
function basisText(ind, th) {
  const S = TEXT[IOC.lang()];
  if (!th) return null;
  const cited = th.cites && (ind.targets || []).find(x => x.id === th.cites);
  if (!cited) return S.ownTarget;
  return `${cited.document}${cited.applies_from ? ' (' + S.from + ' ' + cited.applies_from + ')' : ''}: “${cited.wording_vi}”${
    cited.wording_confirmed ? '' : ' — ' + S.unconfirmed}`;
}

/** Targets of the same measure whose figure is not yet confirmed (nothing coloured against them). */
function pendingTargets(ind) {
  return (ind.targets || []).filter(x => !Object.keys(x.levels || {}).length);
}

function renderLegend(c) {
  const ind = c.indicator, th = c.level && ind.thresholds[c.level];
  const S = TEXT[IOC.lang()];
  const names = IOC.lang() === 'vi'
    ? { GREEN: 'Đạt', AMBER: 'Cần cố gắng', RED: 'Chưa đạt', NO_TARGET: 'Không đặt mục tiêu', NO_DATA: 'Chưa có số liệu' }
    : { GREEN: 'On track', AMBER: 'Needs effort', RED: 'Act now', NO_TARGET: 'No target set', NO_DATA: 'No data' };
  const sym = { GREEN: '✓', AMBER: '!', RED: '✗', NO_TARGET: '○', NO_DATA: '–' };
  let rules = {};
  if (th) {
    const u = ind.unit, f = v => fmt(v, u, 0);
    rules = ind.direction === 'higher'
      ? { GREEN: `${th.strict ? '>' : '≥'} ${f(th.green)}`, AMBER: `${f(th.red)} – ${f(th.green)}`, RED: `< ${f(th.red)}` }
      : { GREEN: `${th.strict ? '<' : '≤'} ${f(th.green)}`, AMBER: `${f(th.green)} – ${f(th.red)}`, RED: `> ${f(th.red)}` };
  }
  const shown = th ? ['GREEN', 'AMBER', 'RED', 'NO_DATA'] : ['NO_TARGET', 'NO_DATA'];
  const r = c.reaching;
  const notes = [];
  if (th) notes.push(`<div class="note" id="legend-basis">${esc(S.basis)}: ${esc(basisText(ind, th))}</div>`);
  else notes.push(`<div class="note" id="legend-no-target">${esc(S.noTargetLegend)}</div>`);
  pendingTargets(ind).forEach(x => notes.push(`<div class="note">${esc(x.document)}: “${esc(x.wording_vi)}” — ${esc(S.pendingFigure)}</div>`));
  if (r && r.with_data) notes.push(`<div id="legend-reaching">${esc(S.reached(r.reached, r.units, S.levels[r.level]))} (${esc(S.withData(r.with_data))})</div>`);
  $('legend').innerHTML = `<strong>${esc(indName(ind))}</strong><div>${ind.direction === 'higher' ? S.higher : S.lower}${
    th ? ` · ${S.target}: ${th.strict ? (ind.direction === 'higher' ? '> ' : '< ') : ''}${fmt(th.target, ind.unit, 0)}` : ''}</div>` + shown.map(s =>
    `<div data-status="${s}">${swatch(s)}<span>${sym[s]} ${names[s]}${rules[s] ? ' (' + rules[s] + ')' : ''}</span></div>`).join('')
    + notes.join('');
}

async function openPanel(code) {
  const c = state.collection;
  const f = c.features.find(x => x.properties.code === code) || (c.parent && c.parent.code === code ? { properties: c.parent.score } : null);
  if (!f) return;
  state.open = code;
  const p = f.properties, ind = c.indicator;
  $('panel').hidden = false;
  $('panel').dataset.code = code;
  $('panel-title').textContent = p.name;
  $('panel-status').innerHTML = `${badge(p)} <strong>${fmt(p.value, ind.unit)}</strong> — ${esc(indName(ind))}, ${c.period}`;
  const origin = p.origin === 'reported' ? t('reported') : p.origin === 'aggregated' ? TEXT[IOC.lang()].aggregated(p.children_with_value) : t('none');
  const S = TEXT[IOC.lang()], th = ind.thresholds[p.level];
  const target = p.target == null ? S.noTarget : (p.strict ? (ind.direction === 'higher' ? '> ' : '< ') : '') + fmt(p.target, ind.unit, 0);
  $('panel-facts').innerHTML = `<dt>${t('target')}</dt><dd>${esc(target)}</dd>
    ${th ? `<dt>${S.basis}</dt><dd class="note">${esc(basisText(ind, th))}</dd>` : ''}
    <dt>${t('rank')}</dt><dd>${p.rank ? S.rankOf(p.rank, p.ranked) : '–'}</dd>
    <dt>${t('source')}</dt><dd>${origin}</dd>
    ${ind.definition ? `<dt>${S.definition}</dt><dd class="note">${esc(ind.definition)}</dd>` : ''}
    ${ind.source_table ? `<dt>${S.sourceTable}</dt><dd class="note">${esc(ind.source_table)}</dd>` : ''}
    ${ind.changed_in ? `<dt>${S.changedIn}</dt><dd id="panel-changed">${esc(S.version(ind.changed_in.version, ind.changed_in.date))}</dd>` : ''}`;
  renderChangelog(c);
  const [trend, card, goals] = await Promise.all([
    api(`/api/indicator-values?${new URLSearchParams({ indicator: ind.id, unit: code, period: c.period, layout: c.layout })}`),
    api(`/api/units/${encodeURIComponent(code)}/scorecard?${new URLSearchParams({ period: c.period, layout: c.layout })}`),
    api(`/api/units/${encodeURIComponent(code)}/goals?${new URLSearchParams({ period: c.period, layout: c.layout })}`)]);
  if (state.open !== code) return;
  renderGoals(goals.goals);
  $('panel-trend').innerHTML = trendChart(trend.series, p.target, ind.unit);
  $('scorecard').querySelector('tbody').innerHTML = card.indicators.filter(i => i.value !== null).map(i =>
    `<tr><td>${esc(IOC.lang() === 'vi' ? i.name_vi : i.name_en)}</td><td class="num">${fmt(i.value, i.unit)}</td><td>${badge(i)}</td></tr>`).join('')
    || `<tr><td>${t('none')}</td></tr>`;
  // Children: the chosen indicator when the children have it, else the first indicator they do have.
  const withChildren = card.indicators.filter(i => i.children_with_value > 0);
  const sel = $('child-indicator');
  sel.innerHTML = withChildren.map(i => `<option value="${i.indicator}">${esc(IOC.lang() === 'vi' ? i.name_vi : i.name_en)}</option>`).join('');
  sel.disabled = withChildren.length === 0;
  if (withChildren.length) sel.value = withChildren.some(i => i.indicator === ind.id) ? ind.id : withChildren[0].indicator;
  sel.onchange = () => showChildren(code, sel.value);
  await showChildren(code, withChildren.length ? sel.value : null);
}

/** Goals "N units of a tier reach the target": the count, the required number when one is set, and the status. */
function renderGoals(goals) {
  const S = TEXT[IOC.lang()];
  $('goals').innerHTML = goals.map(g => `<li data-goal="${esc(g.id)}" data-status="${g.status}">${badge(g)} <strong>${
    esc(IOC.lang() === 'vi' ? g.name_vi : g.name_en)}</strong><br>${esc(S.reached(g.reached, g.units, S.levels[g.level]))} · ${
    esc(S.withData(g.with_data))}${g.declared ? ' · ' + esc(S.required(g)) : ''}</li>`).join('') || `<li>${esc(S.noGoals)}</li>`;
}

/** The catalog's versions, newest first; those that changed the indicator shown are marked. */
function renderChangelog(c) {
  const S = TEXT[IOC.lang()];
  $('changelog').innerHTML = (c.changelog || []).map(e => {
    const touches = e.indicators.includes(c.indicator.id);
    return `<li data-version="${esc(e.version)}"${touches ? ' class="touches"' : ''}><span class="version">${esc(S.version(e.version, e.date))}</span>${
      touches ? ' — <em>' + esc(S.touches) + '</em>' : ''}<br>${esc(IOC.lang() === 'vi' ? e.summary_vi : e.summary_en)}</li>`;
  }).join('');
}

async function showChildren(code, indicatorId) {
  const body = $('children').querySelector('tbody');
  $('drill').hidden = true;
  if (!indicatorId) { body.innerHTML = `<tr><td colspan="4">${t('noChildren')}</td></tr>`; return; }
  const c = state.collection;
  const kids = await api(`/api/map?${new URLSearchParams({ indicator: indicatorId, period: c.period, parent: code, layout: c.layout })}`);
  if (state.open !== code) return;
  const ind = kids.indicator;
  body.innerHTML = [...kids.features].sort(byRank).map(f => { const p = f.properties;
    return `<tr data-code="${p.code}" data-value="${p.value ?? ''}"><td>${p.rank || '–'}</td><td>${esc(p.name)}</td>
      <td class="num">${fmt(p.value, ind.unit)}</td><td>${badge(p)}</td></tr>`; }).join('');
  $('drill').hidden = !kids.features.some(f => f.geometry);
  $('drill').onclick = () => { state.parent = code; state.indicator = indicatorId; fillIndicators(); fillPeriods(); $('panel').hidden = true; load(); };
}

function trendChart(series, target, unit) {
  const pts = series.filter(s => s.value !== null);
  if (pts.length < 2) return pts.length ? `<p>${pts[0].period}: ${fmt(pts[0].value, unit)}</p><p>${t('noTrend')}</p>` : `<p>${t('noTrend')}</p>`;
  const W = 300, H = 100, vals = pts.map(p => p.value).concat(target ?? []);
  const lo = Math.min(...vals), hi = Math.max(...vals), span = hi - lo || 1;
  const x = i => 10 + i * (W - 20) / (pts.length - 1), y = v => H - 15 - (v - lo) / span * (H - 30);
  const line = pts.map((p, i) => `${x(i)},${y(p.value)}`).join(' ');
  return `<svg class="trend" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(pts.map(p => p.period + ': ' + fmt(p.value, unit)).join(', '))}">
    ${target != null ? `<line class="target" x1="0" x2="${W}" y1="${y(target)}" y2="${y(target)}"/>` : ''}
    <polyline points="${line}"/>${pts.map((p, i) => `<circle cx="${x(i)}" cy="${y(p.value)}" r="3"/>`).join('')}
    <text x="4" y="${H - 2}">${pts[0].period}</text><text x="${W - 4}" y="${H - 2}" text-anchor="end">${pts[pts.length - 1].period}</text></svg>`;
}

IOC.onSession(showSession);
showSession(IOC.me());
