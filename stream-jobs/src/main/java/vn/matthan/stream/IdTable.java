package vn.matthan.stream;

/**
 * A set of 128-bit ids in one {@code long[]} (open addressing, linear probing, at most half full), so that a keyed
 * state holding it is copied and checkpointed as one primitive array instead of a map of boxed entries.
 * Layout: [count, zero-id present (0/1), hi0, lo0, hi1, lo1, …]; a slot of two zeros is empty, and the all-zero id
 * is kept in the flag. Written here because no Flink or JDK type is a primitive set with a built-in state serializer.
 */
final class IdTable {
    private static final int HEADER = 2;
    private static final int FIRST_SLOTS = 4;

    private IdTable() {
    }

    static long[] empty() {
        return new long[HEADER + 2 * FIRST_SLOTS];
    }

    static long size(long[] t) {
        return t[0];
    }

    static boolean contains(long[] t, long hi, long lo) {
        if (hi == 0 && lo == 0) return t[1] != 0;
        int slots = (t.length - HEADER) / 2, mask = slots - 1;
        for (int s = slot(hi, lo, mask); ; s = (s + 1) & mask) {
            long h = t[HEADER + 2 * s], l = t[HEADER + 2 * s + 1];
            if (h == hi && l == lo) return true;
            if (h == 0 && l == 0) return false;
        }
    }

    /** Adds an id not yet in the table; returns the table, or a larger copy when it was half full. */
    static long[] add(long[] t, long hi, long lo) {
        if (hi == 0 && lo == 0) {
            if (t[1] == 0) t[0]++;
            t[1] = 1;
            return t;
        }
        int slots = (t.length - HEADER) / 2;
        if ((t[0] + 1) * 2 > slots) t = grown(t, slots * 2);
        put(t, hi, lo);
        t[0]++;
        return t;
    }

    private static long[] grown(long[] t, int slots) {
        long[] g = new long[HEADER + 2 * slots];
        g[0] = t[0];
        g[1] = t[1];
        for (int i = HEADER; i < t.length; i += 2) {
            if (t[i] != 0 || t[i + 1] != 0) put(g, t[i], t[i + 1]);
        }
        return g;
    }

    private static void put(long[] t, long hi, long lo) {
        int mask = (t.length - HEADER) / 2 - 1;
        int s = slot(hi, lo, mask);
        while (t[HEADER + 2 * s] != 0 || t[HEADER + 2 * s + 1] != 0) s = (s + 1) & mask;
        t[HEADER + 2 * s] = hi;
        t[HEADER + 2 * s + 1] = lo;
    }

    private static int slot(long hi, long lo, int mask) {
        long h = (hi ^ Long.rotateLeft(lo, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
