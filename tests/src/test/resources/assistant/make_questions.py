#!/usr/bin/env python3
"""Writes questions.csv: Vietnamese questions for the leaders' assistant with the answer each must get.

Expected answers are computed here, independently of the Java code, from the catalog's thresholds
(config/indicators.yaml), the real Quang Ngai report tables (../shared/assets/indicators) and the traffic fixture
that AssistantQuestionsTest loads (traffic.sql; the same formulas below). Questions are written from templates with
paraphrases; every second one is folded to plain ASCII (no diacritics). Split rule (fixed, in the file): row id % 3 == 0
is held out (never looked at while tuning), the others tune. As of day for relative periods: 2023-11-15.
Run: python3 make_questions.py > questions.csv (seeded: the same file every time).
"""
import csv, random, sys, unicodedata, math, io, os
from datetime import date, timedelta

random.seed(23)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '../../../../..'))
ASSETS = os.environ.get('IOC_ASSETS', os.path.normpath(os.path.join(ROOT, '../shared/assets')))
AS_OF = date(2023, 11, 15)

def fold(s):
    s = s.replace('đ', 'd').replace('Đ', 'D')
    return ''.join(c for c in unicodedata.normalize('NFD', s) if unicodedata.category(c) != 'Mn')

def r2(v):  # Java: Math.round(v * 100) / 100.0
    return math.floor(v * 100 + 0.5) / 100

def plain(v):
    s = ('%.2f' % r2(v)).rstrip('0').rstrip('.')
    return s

# ---- units (GSO code list) ----
gso = list(csv.DictReader(open(os.path.join(ASSETS, 'geo/vn_admin_codes_gso_2025-03-01.csv'), encoding='utf-8')))
districts = {}
communes = {}
for r in gso:
    if r['province_code'] != '51': continue
    districts[r['district_code']] = r['district_name']
    if r['commune_code']: communes[r['commune_code']] = (r['commune_name'], r['district_code'])
def short(name):
    for p in ['Thành phố ', 'Thị xã ', 'Huyện ', 'Thị trấn ', 'Xã ', 'Phường ', 'Tỉnh ']:
        if name.startswith(p): return name[len(p):]
    return name
def district_by_short(s):
    return next(c for c, n in districts.items() if short(n) == s)
def commune_in(dcode, s):
    return next(c for c, (n, d) in communes.items() if d == dcode and short(n) == s)

# ---- values (ProvincialReport's rules: rate = numerator / denominator × 100) ----
def read(f):
    return list(csv.DictReader(open(os.path.join(ASSETS, 'indicators', f), encoding='utf-8')))
def report_unit(name, scope):
    n = name.replace('UBND ', '')
    low = n.lower()
    if low.startswith('tp '): return district_by_short(n[3:])
    for p in ['huyện ', 'thị xã ', 'thành phố ']:
        if low.startswith(p): return district_by_short(n[len(p):])
    for p in ['thị trấn ', 'xã ']:
        if low.startswith(p): return commune_in(scope, n[len(p):])
    raise ValueError(name)

V = {}   # (indicator, code) -> (value, num, den)
dig = read('quang-ngai_districts_2023-10-10_digitisation.csv')
for r in dig:
    c = report_unit(r['unit_name'], '51')
    V[('intake-digitisation', c)] = (int(r['received_digitised']) / int(r['received']) * 100, int(r['received_digitised']), int(r['received']))
    V[('result-digitisation', c)] = (int(r['resolved_digitised_result']) / int(r['resolved']) * 100, int(r['resolved_digitised_result']), int(r['resolved']))
for ind in ['intake-digitisation', 'result-digitisation']:
    n = sum(v[1] for (i, c), v in V.items() if i == ind); d = sum(v[2] for (i, c), v in V.items() if i == ind)
    V[(ind, '51')] = (n / d * 100, n, d)
for r in read('quang-ngai_son-ha_2023-10-10_online-applications.csv'):
    c = report_unit(r['unit_name'], '529')
    n = int(r['partial_online']) + int(r['full_online']); d = int(r['partial_received']) + int(r['full_received'])
    V[('online-applications', c)] = (n / d * 100, n, d)
son_ha_communes = [c for c, (n, d) in communes.items() if d == '529']
assert all(('online-applications', c) in V for c in son_ha_communes), 'every Son Ha commune reports'
n = sum(V[('online-applications', c)][1] for c in son_ha_communes); d = sum(V[('online-applications', c)][2] for c in son_ha_communes)
V[('online-applications', '529')] = (n / d * 100, n, d)
for r in read('quang-ngai_son-ha_2023-10-10_esigned-documents.csv'):
    c = report_unit(r['unit_name'], '529')
    V[('esigned-documents', c)] = (int(r['signed_sent']) / int(r['total_sent']) * 100, int(r['signed_sent']), int(r['total_sent']))

# thresholds (config/indicators.yaml): target, green, red per tier
TH = {'intake-digitisation': {'*': (80, 80, 50)}, 'result-digitisation': {'*': (80, 80, 50)},
      'esigned-documents': {'*': (90, 90, 70)},
      'online-applications': {'province': (90, 90, 70), 'district': (80, 80, 60), 'commune': (70, 70, 50)}}
def tier(code): return 'province' if len(code) == 2 else 'district' if len(code) == 3 else 'commune'
def status(ind, code, v):
    t = TH[ind].get(tier(code), TH[ind].get('*'))
    return 'GREEN' if v >= t[1] else 'RED' if v < t[2] else 'AMBER'
def meets(ind, code, v):
    t = TH[ind].get(tier(code), TH[ind].get('*'))
    return v >= t[0]

IND_SAY = {
    'intake-digitisation': ['tỷ lệ số hóa hồ sơ khi tiếp nhận', 'tỷ lệ số hóa hồ sơ', 'số hóa hồ sơ khi tiếp nhận', 'tỷ lệ số hóa đầu vào',
                            'số hóa hồ sơ', 'tỷ lệ số hoá hồ sơ khi tiếp nhận'],
    'result-digitisation': ['tỷ lệ số hóa kết quả giải quyết thủ tục hành chính', 'tỷ lệ số hóa kết quả', 'số hóa kết quả giải quyết',
                            'tỷ lệ số hóa kết quả giải quyết TTHC', 'số hóa kết quả'],
    'online-applications': ['tỷ lệ hồ sơ xử lý trực tuyến', 'tỷ lệ hồ sơ trực tuyến', 'tỷ lệ nộp hồ sơ trực tuyến', 'tỷ lệ dịch vụ công trực tuyến',
                            'hồ sơ nộp trực tuyến'],
    'esigned-documents': ['tỷ lệ văn bản điện tử được ký số', 'tỷ lệ ký số', 'tỷ lệ văn bản ký số', 'văn bản điện tử ký số', 'tỷ lệ ký số văn bản'],
}
def say_district(c):
    n = districts[c]; s = short(n)
    if n.startswith('Thành phố'): return random.choice(['TP ' + s, 'thành phố ' + s, 'TP. ' + s])
    if n.startswith('Thị xã'): return random.choice(['thị xã ' + s, s, 'TX ' + s])
    return random.choice(['huyện ' + s, s, 'huyện ' + s])
def say_commune(c):
    n = communes[c][0]; s = short(n)
    return ('thị trấn ' if n.startswith('Thị trấn') else 'xã ') + s
def say_unit(c):
    if c == '51': return random.choice(['tỉnh Quảng Ngãi', 'toàn tỉnh', 'Quảng Ngãi', 'tỉnh'])
    if len(c) == 3: return say_district(c)
    return say_commune(c)
PERIOD_SAY = ['tháng 10/2023', 'tháng 10 năm 2023', 'tháng mười năm 2023', '10/2023', 'tháng trước', 'tháng 10/2023', '', 'kỳ tháng 10/2023']

rows = []
def add(q, expect, kind):
    rows.append([q, expect, kind])

# ---- value ----
VALUE_T = ['{ind} của {unit} {per} là bao nhiêu?', '{unit} có {ind} {per} bao nhiêu?', 'Cho biết {ind} {unit} {per}',
           '{ind} ở {unit} {per} thế nào?', '{ind} {per} của {unit} đạt bao nhiêu phần trăm?', 'Xin số liệu {ind} tại {unit} {per}',
           '{unit} {per}: {ind}?', '{ind} của {unit} hiện nay ra sao?', 'Tình hình {ind} của {unit} {per}?',
           '{unit} đạt {ind} bao nhiêu {per}?']
value_units = ([('intake-digitisation', c) for c in districts] + [('result-digitisation', c) for c in districts]
               + [('intake-digitisation', '51'), ('result-digitisation', '51'), ('online-applications', '529'), ('esigned-documents', '529')]
               + [('online-applications', c) for c in son_ha_communes] + [('esigned-documents', c) for c in son_ha_communes])
for ind, c in value_units:
    t = random.choice(VALUE_T)
    per = random.choice(PERIOD_SAY) if 'hiện nay' not in t else ''
    q = t.format(ind=random.choice(IND_SAY[ind]), unit=say_unit(c), per=per)
    add(q, 'value %s %s 2023-10 %s' % (ind, c, plain(V[(ind, c)][0])), 'value')
# a second phrasing for some
for ind, c in random.sample(value_units, 40):
    t = random.choice(VALUE_T)
    q = t.format(ind=random.choice(IND_SAY[ind]), unit=say_unit(c), per=random.choice(PERIOD_SAY))
    add(q, 'value %s %s 2023-10 %s' % (ind, c, plain(V[(ind, c)][0])), 'value')

# ---- ranking ----
def ranking(ind, members, order, top):
    vals = [(V[(ind, c)][0], c) for c in members if (ind, c) in V]
    desc = order in ('HIGHEST', 'BEST')   # every indicator here: higher is better
    name = lambda c: districts.get(c) or communes[c][0]
    vals.sort(key=lambda x: (-x[0] if desc else x[0], name(x[1])))
    return [c for v, c in vals[:top]]
RANK_T = [('Huyện nào có {ind} cao nhất {per}?', 'HIGHEST', 1), ('Huyện nào {ind} thấp nhất {per}?', 'LOWEST', 1),
          ('{ind} {per}: huyện nào đứng cuối?', 'WORST', 1), ('Top 3 huyện có {ind} cao nhất {per}', 'HIGHEST', 3),
          ('Ba huyện có {ind} thấp nhất {per} là những huyện nào?', 'LOWEST', 3), ('Đơn vị nào dẫn đầu về {ind} {per}?', 'BEST', 1),
          ('Xếp hạng các huyện theo {ind} {per}', 'BEST', 99), ('Địa phương nào kém nhất về {ind} {per}?', 'WORST', 1),
          ('huyện nào đứng đầu tỉnh về {ind} {per}', 'BEST', 1), ('5 huyện có {ind} cao nhất {per}', 'HIGHEST', 5)]
for ind in ['intake-digitisation', 'result-digitisation']:
    for t, order, top in RANK_T:
        for _ in range(2):
            q = t.format(ind=random.choice(IND_SAY[ind]), per=random.choice(PERIOD_SAY))
            add(q, 'ranking %s 2023-10 %s' % (ind, ','.join(ranking(ind, list(districts), order, top))), 'ranking')
CRANK_T = [('Xã nào của huyện Sơn Hà có {ind} cao nhất {per}?', 'HIGHEST', 1), ('Xã nào ở Sơn Hà {ind} thấp nhất {per}?', 'LOWEST', 1),
           ('Top 3 xã huyện Sơn Hà có {ind} cao nhất {per}', 'HIGHEST', 3), ('Trong huyện Sơn Hà, xã nào kém nhất về {ind} {per}?', 'WORST', 1),
           ('Ba xã thuộc Sơn Hà có {ind} thấp nhất {per}', 'LOWEST', 3), ('Đơn vị nào của Sơn Hà dẫn đầu về {ind}?', 'BEST', 1)]
for ind in ['online-applications', 'esigned-documents']:
    for t, order, top in CRANK_T:
        for _ in range(2):
            q = t.format(ind=random.choice(IND_SAY[ind]), per=random.choice(PERIOD_SAY))
            add(q, 'ranking %s 2023-10 %s' % (ind, ','.join(ranking(ind, son_ha_communes, order, top))), 'ranking')

# ---- count ----
def count(ind, members, goal):
    n = 0
    for c in members:
        if (ind, c) not in V: continue
        v = V[(ind, c)][0]
        s = status(ind, c, v)
        n += {'GREEN': s == 'GREEN', 'RED': s == 'RED', 'AMBER': s == 'AMBER', 'MEETS': meets(ind, c, v), 'MISSES': not meets(ind, c, v)}[goal]
    return n
COUNT_T = [('Có bao nhiêu huyện đạt mục tiêu {ind} {per}?', 'MEETS'), ('Mấy huyện chưa đạt về {ind} {per}?', 'RED'),
           ('Bao nhiêu huyện đạt {ind} {per}?', 'GREEN'), ('Có bao nhiêu huyện màu đỏ về {ind} {per}?', 'RED'),
           ('Số huyện cần cố gắng về {ind} {per}', 'AMBER'), ('Bao nhiêu huyện chưa đạt mục tiêu {ind} {per}?', 'MISSES')]
for ind in ['intake-digitisation', 'result-digitisation']:
    for t, goal in COUNT_T:
        q = t.format(ind=random.choice(IND_SAY[ind]), per=random.choice(PERIOD_SAY))
        add(q, 'count %s 2023-10 %d' % (ind, count(ind, list(districts), goal)), 'count')
CCOUNT_T = [('Bao nhiêu xã của Sơn Hà đạt {ind} {per}?', 'GREEN'), ('Có mấy xã huyện Sơn Hà đạt mục tiêu {ind} {per}?', 'MEETS'),
            ('Huyện Sơn Hà có bao nhiêu xã chưa đạt {ind} {per}?', 'RED'), ('Số xã ở Sơn Hà cần cố gắng về {ind} {per}', 'AMBER'),
            ('Bao nhiêu xã thuộc Sơn Hà có {ind} màu xanh {per}?', 'GREEN')]
for ind in ['online-applications', 'esigned-documents']:
    for t, goal in CCOUNT_T:
        q = t.format(ind=random.choice(IND_SAY[ind]), per=random.choice(PERIOD_SAY))
        add(q, 'count %s 2023-10 %d' % (ind, count(ind, son_ha_communes, goal)), 'count')

# ---- trend (one month of real data: the month before has none) ----
TREND_T = [('{ind} của {unit} tháng 10/2023 so với tháng trước thế nào?', '2023-09'), ('{ind} {unit} tăng hay giảm so với tháng trước?', '2023-09'),
           ('{ind} của {unit} tháng 10/2023 so với cùng kỳ năm trước', '2022-10'), ('Xu hướng {ind} của {unit}', '2023-09'),
           ('{unit}: {ind} tháng 10/2023 có tăng không?', '2023-09')]
for ind, c in random.sample(value_units, 24):
    t, prev = random.choice(TREND_T)
    q = t.format(ind=random.choice(IND_SAY[ind]), unit=say_unit(c))
    add(q, 'trend %s %s 2023-10 %s %s none' % (ind, c, plain(V[(ind, c)][0]), prev), 'trend')

# ---- compare ----
COMP_T = ['So sánh {ind} của {u1} và {u2} {per}', '{ind} {per} của {u1} với {u2}', '{u1} hay {u2} có {ind} cao hơn {per}?',
          'So sánh {u1} với {u2} về {ind} {per}']
for _ in range(12):
    ind = random.choice(['intake-digitisation', 'result-digitisation'])
    a, b = random.sample(list(districts), 2)
    q = random.choice(COMP_T).format(ind=random.choice(IND_SAY[ind]), u1=say_district(a), u2=say_district(b), per=random.choice(PERIOD_SAY))
    add(q, 'compare %s 2023-10 %s=%s %s=%s' % (ind, a, plain(V[(ind, a)][0]), b, plain(V[(ind, b)][0])), 'compare')
for _ in range(8):
    ind = random.choice(['online-applications', 'esigned-documents'])
    a, b = random.sample(son_ha_communes, 2)
    q = random.choice(COMP_T).format(ind=random.choice(IND_SAY[ind]), u1=say_commune(a), u2=say_commune(b), per=random.choice(PERIOD_SAY))
    add(q, 'compare %s 2023-10 %s=%s %s=%s' % (ind, a, plain(V[(ind, a)][0]), b, plain(V[(ind, b)][0])), 'compare')

# ---- traffic (fixture of traffic.sql: violation_day per camera, type and day; flow per camera and day; congestion episodes) ----
CAMS = [('qng-01', '522', 3), ('qng-02', '522', 5), ('sh-01', '529', 2), ('bs-01', '524', 7)]
TYPES = [('red_light', 1), ('lane', 4), ('wrong_way', 2), ('speeding', 6)]
DAYS = [date(2023, 10, 1) + timedelta(days=i) for i in range(46)]          # 1 Oct .. 15 Nov 2023
EPISODES = [('qng-01', date(2023, 10, 5), 25), ('qng-02', date(2023, 10, 12), 40), ('qng-01', date(2023, 11, 14), 15), ('sh-01', date(2023, 10, 20), 10)]
def viol(unit, types, d0, d1):
    return sum((d.day * k + tk) % 17 for cid, u, k in CAMS if unit in ('51', u) for d in DAYS if d0 <= d < d1
               for t, tk in TYPES if not types or t in types)
def flow(unit, d0, d1):
    return sum(1000 + d.day * k * 10 for cid, u, k in CAMS if unit in ('51', u) for d in DAYS if d0 <= d < d1)
def cong(unit, d0, d1):
    e = [m for cid, d, m in EPISODES if d0 <= d < d1 and unit in ('51', dict((c[0], c[1]) for c in CAMS)[cid])]
    return '%d/%d' % (len(e), sum(e))
OCT = (date(2023, 10, 1), date(2023, 11, 1)); NOV = (date(2023, 11, 1), date(2023, 12, 1))
Y = (date(2023, 11, 14), date(2023, 11, 15)); WEEK = (date(2023, 11, 13), date(2023, 11, 16))
TW = [('Bao nhiêu vụ vượt đèn đỏ ở TP Quảng Ngãi tháng 10/2023?', 'violations red_light 2023-10', '522', ['red_light'], OCT),
      ('Số vụ vi phạm giao thông toàn tỉnh tháng 10/2023', 'violations all 2023-10', '51', [], OCT),
      ('Có bao nhiêu vụ đi ngược chiều tại huyện Sơn Hà hôm qua?', 'violations wrong_way 2023-11-14', '529', ['wrong_way'], Y),
      ('Vi phạm sai làn ở Bình Sơn tuần này', 'violations lane 2023-11-13..2023-11-15', '524', ['lane'], WEEK),
      ('Số vụ vi phạm ở thành phố Quảng Ngãi tháng trước', 'violations all 2023-10', '522', [], OCT),
      ('Bao nhiêu vụ quá tốc độ trong tháng 10 năm 2023 ở Sơn Hà?', 'violations speeding 2023-10', '529', ['speeding'], OCT),
      ('Tổng số vụ vượt đèn đỏ của tỉnh tháng này', 'violations red_light 2023-11', '51', ['red_light'], NOV),
      ('Có bao nhiêu vụ vi phạm giao thông hôm qua?', 'violations all 2023-11-14', '51', [], Y),
      ('Số vụ vượt đèn đỏ ở huyện Bình Sơn tháng 10/2023', 'violations red_light 2023-10', '524', ['red_light'], OCT),
      ('Có bao nhiêu vụ đi sai làn ở TP Quảng Ngãi tuần này?', 'violations lane 2023-11-13..2023-11-15', '522', ['lane'], WEEK)]
for q, key, u, types, rng in TW:
    for _ in range(2):
        add(q, 'traffic %s %s=%d' % (key, u, viol(u, types, *rng)), 'traffic')
TC = [('Ùn tắc ở TP Quảng Ngãi tháng 10/2023', '522', OCT, '2023-10'), ('Có bao nhiêu lần ùn tắc giao thông toàn tỉnh tháng 10/2023?', '51', OCT, '2023-10'),
      ('Tình hình ùn tắc ở Sơn Hà tháng 10/2023', '529', OCT, '2023-10'), ('Ùn tắc giao thông ở thành phố Quảng Ngãi hôm qua', '522', Y, '2023-11-14')]
for q, u, rng, key in TC:
    add(q, 'traffic congestion all %s %s=%s' % (key, u, cong(u, *rng)), 'traffic')
TF = [('Lưu lượng xe qua camera ở Sơn Hà tháng 10/2023', '529', OCT, '2023-10'), ('Bao nhiêu lượt xe qua camera TP Quảng Ngãi hôm qua?', '522', Y, '2023-11-14'),
      ('Lưu lượng giao thông toàn tỉnh tháng 10/2023', '51', OCT, '2023-10'), ('Số lượt xe qua camera ở Bình Sơn tuần này', '524', WEEK, '2023-11-13..2023-11-15')]
for q, u, rng, key in TF:
    add(q, 'traffic flow all %s %s=%d' % (key, u, flow(u, *rng)), 'traffic')
# traffic trend: this month (to the 15th) against last month
add('Số vụ vượt đèn đỏ ở TP Quảng Ngãi tháng này so với tháng trước', 'traffic violations red_light 2023-11 522=%d prev=%d'
    % (viol('522', ['red_light'], *NOV), viol('522', ['red_light'], *OCT)), 'traffic')
add('Vi phạm giao thông toàn tỉnh tháng 11/2023 tăng hay giảm so với tháng trước?', 'traffic violations all 2023-11 51=%d prev=%d'
    % (viol('51', [], *NOV), viol('51', [], *OCT)), 'traffic')

# ---- computed indicator from the same fixture (the map's congestion-minutes: episode minutes per day of the period) ----
for q, u in [('Thời gian ùn tắc tại các nút giao có camera của TP Quảng Ngãi tháng 10/2023', '522'),
             ('Phút ùn tắc mỗi ngày ở Sơn Hà tháng 10/2023', '529')]:
    minutes = sum(m for cid, d, m in EPISODES if OCT[0] <= d < OCT[1] and dict((c[0], c[1]) for c in CAMS)[cid] == u)
    add(q, 'value congestion-minutes %s 2023-10 %s' % (u, plain(minutes / 31)), 'value')

# ---- unanswerable: not understood, or no data ----
NOT_UNDERSTOOD = ['Dân số của huyện Sơn Hà là bao nhiêu?', 'GDP tỉnh Quảng Ngãi năm 2023?', 'Tỷ lệ hộ nghèo của huyện Ba Tơ',
    'Thời tiết ở Lý Sơn hôm nay thế nào?', 'Tại sao tỷ lệ số hóa hồ sơ của Lý Sơn thấp?', 'Dự báo tỷ lệ hồ sơ trực tuyến tháng sau',
    'Tỷ lệ tiêm chủng của xã Sơn Hạ', 'Ai là chủ tịch huyện Sơn Tây?', 'Giá xăng hôm nay', 'asdfgh qwerty',
    'Tỷ lệ số hóa hồ sơ của huyện Hoàng Sa tháng 10/2023', 'Số vụ tai nạn giao thông tháng 10/2023', 'Tỷ lệ thất nghiệp toàn tỉnh',
    'Tỷ lệ số hóa hồ sơ tháng 13/2023 của Sơn Hà', 'Tỷ lệ học sinh đến trường ở Mộ Đức', 'Làm thế nào để tăng tỷ lệ ký số?',
    'Số km đường giao thông nông thôn của Nghĩa Hành', 'Tỷ lệ', 'Bao nhiêu?', 'Huyện nào đẹp nhất?',
    'Tỷ lệ hồ sơ trực tuyến và thanh toán trực tuyến của Sơn Hà', 'Kế hoạch giải ngân năm sau của tỉnh', 'Thu ngân sách của Tư Nghĩa tháng 10/2023',
    'Số ca mắc sốt xuất huyết ở TP Quảng Ngãi', 'Diện tích lúa của huyện Mộ Đức', 'Xã nào nghèo nhất huyện Sơn Hà?']
for q in NOT_UNDERSTOOD:
    add(q, 'not_understood', 'unanswerable')
NO_DATA = ['Tỷ lệ số hóa hồ sơ của huyện Sơn Hà tháng 9/2023', 'Tỷ lệ hồ sơ trực tuyến của tỉnh Quảng Ngãi tháng 10/2023',
    'Tỷ lệ số hóa kết quả của TP Quảng Ngãi năm 2020', 'Tỷ lệ giải ngân vốn đầu tư công của huyện Bình Sơn tháng 10/2023',
    'Mức độ hài lòng của người dân huyện Ba Tơ quý 3 năm 2023', 'Tỷ lệ ký số của huyện Lý Sơn tháng 10/2023',
    'Thời gian camera hoạt động ở TP Quảng Ngãi tháng 10/2023', 'Tỷ lệ hồ sơ thanh toán trực tuyến của Sơn Hà',
    'Số vụ vượt đèn đỏ ở huyện Mộ Đức tháng 10/2023', 'Lưu lượng xe qua camera ở Ba Tơ tháng 10/2023',
    'Tỷ lệ hồ sơ giải quyết đúng hạn của Tư Nghĩa năm nay', 'Tỷ lệ số hóa hồ sơ của xã Sơn Hạ tháng 10/2023',
    'Số vụ vi phạm giao thông toàn tỉnh tháng 9/2022', 'Tỷ lệ văn bản ký số của tỉnh Quảng Ngãi tháng 10/2023',
    'Huyện nào có tỷ lệ giải ngân vốn đầu tư công cao nhất năm 2023?', 'Bao nhiêu xã của Sơn Tây đạt tỷ lệ hồ sơ trực tuyến tháng 10/2023?']
for q in NO_DATA:
    add(q, 'no_data', 'unanswerable')

out = csv.writer(sys.stdout, lineterminator='\n')
sys.stdout.write('# as_of=2023-11-15; split: id % 3 == 0 -> heldout, else tune; generated by make_questions.py (seed 23)\n')
out.writerow(['id', 'split', 'diacritics', 'category', 'question', 'expected'])
for i, (q, e, kind) in enumerate(rows, 1):
    q = ' '.join(q.split())
    plain_q = i % 2 == 0
    if plain_q: q = fold(q)
    out.writerow([i, 'heldout' if i % 3 == 0 else 'tune', 'no' if plain_q else 'yes', kind, q, e])
print('%d questions' % len(rows), file=sys.stderr)
