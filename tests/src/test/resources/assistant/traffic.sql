-- Traffic fixture of the assistant's question set (no real traffic data exists for Quảng Ngãi): four cameras,
-- detections per type and Vietnamese day from 1 Oct to 15 Nov 2023, one flow row per camera and day, four congestion
-- episodes. make_questions.py computes the expected answers from the same formulas.
INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url) VALUES
    ('qng-01', 'Hùng Vương – Quang Trung', '522', 15.12, 108.80, 'rtsp://127.0.0.1/qng-01'),
    ('qng-02', 'Lê Lợi – Phan Đình Phùng', '522', 15.12, 108.79, 'rtsp://127.0.0.1/qng-02'),
    ('sh-01', 'Di Lăng', '529', 14.98, 108.48, 'rtsp://127.0.0.1/sh-01'),
    ('bs-01', 'Châu Ổ', '524', 15.30, 108.73, 'rtsp://127.0.0.1/bs-01');
INSERT INTO violation_day (camera_id, unit_code, violation_type, bucket, violations)
SELECT c.id, c.unit_code, t.type, d::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh', (extract(day FROM d)::int * c.k + t.k) % 17
  FROM (VALUES ('qng-01', '522', 3), ('qng-02', '522', 5), ('sh-01', '529', 2), ('bs-01', '524', 7)) c(id, unit_code, k)
 CROSS JOIN (VALUES ('red_light', 1), ('lane', 4), ('wrong_way', 2), ('speeding', 6)) t(type, k)
 CROSS JOIN generate_series('2023-10-01'::date, '2023-11-15'::date, interval '1 day') d;
INSERT INTO flow_minute (camera_id, vehicle_class, bucket, passages)
SELECT c.id, 'motorbike', (d::date + time '08:00')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh', 1000 + extract(day FROM d)::int * c.k * 10
  FROM (VALUES ('qng-01', 3), ('qng-02', 5), ('sh-01', 2), ('bs-01', 7)) c(id, k)
 CROSS JOIN generate_series('2023-10-01'::date, '2023-11-15'::date, interval '1 day') d;
INSERT INTO congestion_event (camera_id, started_at, cleared_at, congested_minutes, peak_vehicles, lowest_flow)
SELECT camera_id, s::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh', (s::timestamp + make_interval(mins => m)) AT TIME ZONE 'Asia/Ho_Chi_Minh', m, 40, 2
  FROM (VALUES ('qng-01', '2023-10-05 07:30', 25), ('qng-02', '2023-10-12 17:10', 40), ('qng-01', '2023-11-14 17:00', 15),
               ('sh-01', '2023-10-20 07:00', 10)) e(camera_id, s, m);
