package vn.matthan.api.indicators;

/**
 * An administrative unit of one layout: its official GSO code (2 digits province, 3 district, 5 commune), full
 * name ({@code Huyện Sơn Hà}), short name ({@code Sơn Hà}), tier and parent (null for a province).
 */
public record AdminUnit(String code, String name, String nameShort, Level level, String parentCode) {
}
