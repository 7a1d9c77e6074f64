package vn.matthan.api.indicators;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unit hierarchy of one layout. Nothing here assumes three tiers: a commune's parent is a district before
 * July 2025 and the province after, and every walk goes by parent links.
 */
public final class AdminUnits {
    private final String layout;
    private final Map<String, AdminUnit> byCode = new LinkedHashMap<>();
    private final Map<String, List<AdminUnit>> children = new HashMap<>();
    private final Map<String, String> former;

    public AdminUnits(String layout, Collection<AdminUnit> units) {
        this(layout, units, Map.of());
    }

    /** @param former codes of an earlier layout mapped to the unit of this one they became part of */
    public AdminUnits(String layout, Collection<AdminUnit> units, Map<String, String> former) {
        this.layout = layout;
        this.former = Map.copyOf(former);
        for (AdminUnit u : units) byCode.put(u.code(), u);
        for (AdminUnit u : units) {
            if (u.parentCode() == null) continue;
            if (!byCode.containsKey(u.parentCode()))
                throw new IllegalArgumentException("unit " + u.code() + " (" + u.name() + ") names an unknown parent " + u.parentCode());
            children.computeIfAbsent(u.parentCode(), k -> new ArrayList<>()).add(u);
        }
    }

    public String layout() {
        return layout;
    }

    public Optional<AdminUnit> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    /** The unit of this layout a code stands for: itself, or the unit a former unit became part of; null if neither. */
    public String resolve(String code) {
        return byCode.containsKey(code) ? code : former.get(code);
    }

    public List<AdminUnit> children(String code) {
        return children.getOrDefault(code, List.of());
    }

    public Collection<AdminUnit> all() {
        return byCode.values();
    }

    /** The units of a tier, optionally only those under {@code ancestor} (at any depth). */
    public List<AdminUnit> at(Level level, String ancestor) {
        List<AdminUnit> out = new ArrayList<>();
        for (AdminUnit u : byCode.values()) if (u.level() == level && (ancestor == null || isWithin(u.code(), ancestor))) out.add(u);
        return out;
    }

    /** True when {@code code} is {@code ancestor} itself or lies under it. */
    public boolean isWithin(String code, String ancestor) {
        for (AdminUnit u = byCode.get(code); u != null; u = u.parentCode() == null ? null : byCode.get(u.parentCode())) {
            if (u.code().equals(ancestor)) return true;
        }
        return false;
    }

    /** Root first, the unit last. */
    public List<AdminUnit> path(String code) {
        List<AdminUnit> out = new ArrayList<>();
        for (AdminUnit u = byCode.get(code); u != null; u = u.parentCode() == null ? null : byCode.get(u.parentCode())) out.add(0, u);
        return out;
    }
}
