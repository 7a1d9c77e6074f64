package vn.matthan.stream;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IdTableTest {

    @Test
    void holdsEveryIdAddedThroughItsGrowthAndNoOther() {
        Random rnd = new Random(11);
        long[] t = IdTable.empty();
        Set<String> added = new HashSet<>();
        long[][] ids = new long[20_000][];
        for (int i = 0; i < ids.length; i++) {
            // Ids that share one half, as UUIDs of one producer share version bits, and wholly random ones.
            ids[i] = i % 3 == 0 ? new long[]{42, rnd.nextLong()} : new long[]{rnd.nextLong(), rnd.nextLong()};
            if (!IdTable.contains(t, ids[i][0], ids[i][1])) t = IdTable.add(t, ids[i][0], ids[i][1]);
            added.add(ids[i][0] + ":" + ids[i][1]);
        }
        assertThat(IdTable.size(t)).isEqualTo(added.size());
        for (long[] id : ids) assertThat(IdTable.contains(t, id[0], id[1])).isTrue();
        for (int i = 0; i < 20_000; i++) {
            long hi = rnd.nextLong(), lo = rnd.nextLong();
            assertThat(IdTable.contains(t, hi, lo)).isEqualTo(added.contains(hi + ":" + lo));
            assertThat(IdTable.contains(t, ids[i][0], ids[i][1] + 1)).isEqualTo(added.contains(ids[i][0] + ":" + (ids[i][1] + 1)));
        }
    }

    @Test
    void theAllZeroIdIsAnIdLikeAnyOther() {
        long[] t = IdTable.empty();
        assertThat(IdTable.contains(t, 0, 0)).isFalse();
        t = IdTable.add(t, 0, 0);
        assertThat(IdTable.contains(t, 0, 0)).isTrue();
        assertThat(IdTable.contains(t, 0, 1)).isFalse();
        assertThat(IdTable.size(t)).isEqualTo(1);
    }
}
