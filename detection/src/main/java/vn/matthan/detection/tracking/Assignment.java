package vn.matthan.detection.tracking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Minimum-cost assignment (Hungarian method, O(n³), rectangular matrices padded), as ByteTrack uses through
 * {@code lap.lapjv}. Written here because no maintained Java library ships a small, dependency-free solver.
 */
final class Assignment {
    private Assignment() {
    }

    /** Pairs {row, col} of a minimum-cost matching, keeping only pairs whose cost is at most {@code maxCost}. */
    static List<int[]> solve(double[][] cost, double maxCost) {
        int rows = cost.length;
        if (rows == 0) return List.of();
        int cols = cost[0].length;
        if (cols == 0) return List.of();
        int n = Math.max(rows, cols);
        double big = maxCost + 1;
        double[][] a = new double[n + 1][n + 1];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                double c = i <= rows && j <= cols ? cost[i - 1][j - 1] : big;
                a[i][j] = Math.min(c, big); // over-threshold pairs are all equally unwanted
            }
        }
        // e-maxx formulation with potentials u, v and matching p (1-based).
        double[] u = new double[n + 1], v = new double[n + 1];
        int[] p = new int[n + 1], way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= n; j++) {
                    if (used[j]) continue;
                    double cur = a[i0][j] - u[i0] - v[j];
                    if (cur < minv[j]) {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta) {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        List<int[]> out = new ArrayList<>();
        for (int j = 1; j <= n; j++) {
            int i = p[j];
            if (i >= 1 && i <= rows && j <= cols && cost[i - 1][j - 1] <= maxCost) out.add(new int[]{i - 1, j - 1});
        }
        return out;
    }
}
