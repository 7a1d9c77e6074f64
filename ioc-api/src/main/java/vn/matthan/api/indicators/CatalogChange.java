package vn.matthan.api.indicators;

import java.util.List;

/** One version of the catalog in its changelog: when, what changed in words, and which indicators it touched. */
public record CatalogChange(String version, String date, String summaryVi, String summaryEn, List<String> indicators) {
}
