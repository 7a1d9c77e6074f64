-- Administrative units and indicator values for the leaders' map.
-- A layout is one administrative map: 'pre2025' (province → district → commune, codes of the GSO list of
-- 1 Mar 2025) or 'post2025' (province → commune, in force since 1 Jul 2025). Codes repeat across layouts
-- (Quảng Ngãi is 51 in both, with a different outline), so a unit is keyed by layout and code.
CREATE TABLE admin_unit (
    layout       text NOT NULL,
    code         text NOT NULL,
    name         text NOT NULL,
    name_short   text NOT NULL,
    level        text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    parent_code  text,
    geometry     jsonb,                      -- GeoJSON geometry (WGS84) where a licensed layer exists
    successor    text,                       -- the unit of the next layout this one became part of (a province's 2025 province)
    PRIMARY KEY (layout, code),
    FOREIGN KEY (layout, parent_code) REFERENCES admin_unit (layout, code),
    CHECK ((level = 'province') = (parent_code IS NULL))
);
CREATE INDEX admin_unit_parent ON admin_unit (layout, parent_code);

-- One value per indicator, unit and period. Ratios keep numerator and denominator so that a parent's value
-- is the ratio of its children's sums, not a mean of their percentages.
CREATE TABLE indicator_value (
    indicator_id  text NOT NULL,
    layout        text NOT NULL,
    unit_code     text NOT NULL,
    period        text NOT NULL,             -- 2023, 2023-Q4, 2023-10 or 2023-10-10
    value         double precision NOT NULL,
    numerator     double precision,
    denominator   double precision,
    source        text NOT NULL,             -- the imported file, or api:<user>
    imported_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (indicator_id, layout, unit_code, period),
    FOREIGN KEY (layout, unit_code) REFERENCES admin_unit (layout, code),
    CHECK ((numerator IS NULL) = (denominator IS NULL))
);
CREATE INDEX indicator_value_period ON indicator_value (indicator_id, period);
