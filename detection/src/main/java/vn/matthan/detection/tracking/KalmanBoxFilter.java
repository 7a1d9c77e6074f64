package vn.matthan.detection.tracking;

import vn.matthan.detection.geometry.Box;

/**
 * ByteTrack's constant-velocity Kalman filter on (centre x, centre y, aspect w/h, height) with their velocities.
 * Its transition, measurement and noise matrices are block-diagonal per coordinate, so the 8-D filter is run
 * exactly as four independent (position, velocity) filters; noise scales with the box height as in ByteTrack.
 */
final class KalmanBoxFilter {
    private static final double STD_POSITION = 1.0 / 20;
    private static final double STD_VELOCITY = 1.0 / 160;

    private final double[] x = new double[4];   // cx, cy, a, h
    private final double[] vx = new double[4];  // their velocities per frame
    private final double[] pxx = new double[4]; // covariance blocks [pxx pxv; pxv pvv] per coordinate
    private final double[] pxv = new double[4];
    private final double[] pvv = new double[4];

    KalmanBoxFilter(Box b) {
        double[] m = measure(b);
        System.arraycopy(m, 0, x, 0, 4);
        double h = m[3];
        double[] sp = {2 * STD_POSITION * h, 2 * STD_POSITION * h, 1e-2, 2 * STD_POSITION * h};
        double[] sv = {10 * STD_VELOCITY * h, 10 * STD_VELOCITY * h, 1e-5, 10 * STD_VELOCITY * h};
        for (int i = 0; i < 4; i++) {
            pxx[i] = sp[i] * sp[i];
            pvv[i] = sv[i] * sv[i];
        }
    }

    /** Centre velocity in pixels per frame. */
    double velocityX() {
        return vx[0];
    }

    double velocityY() {
        return vx[1];
    }

    void predict() {
        double h = x[3];
        double[] qp = {STD_POSITION * h, STD_POSITION * h, 1e-2, STD_POSITION * h};
        double[] qv = {STD_VELOCITY * h, STD_VELOCITY * h, 1e-5, STD_VELOCITY * h};
        for (int i = 0; i < 4; i++) {
            x[i] += vx[i];
            // P = F P Fᵀ + Q with F = [1 1; 0 1]
            double nxx = pxx[i] + 2 * pxv[i] + pvv[i] + qp[i] * qp[i];
            double nxv = pxv[i] + pvv[i];
            double nvv = pvv[i] + qv[i] * qv[i];
            pxx[i] = nxx;
            pxv[i] = nxv;
            pvv[i] = nvv;
        }
        if (x[3] < 1) x[3] = 1; // a box never shrinks to nothing while coasting
    }

    void update(Box b) {
        double[] z = measure(b);
        double h = x[3];
        double[] r = {STD_POSITION * h, STD_POSITION * h, 1e-1, STD_POSITION * h};
        for (int i = 0; i < 4; i++) {
            double s = pxx[i] + r[i] * r[i];
            double kx = pxx[i] / s, kv = pxv[i] / s;
            double innovation = z[i] - x[i];
            x[i] += kx * innovation;
            vx[i] += kv * innovation;
            double nxx = (1 - kx) * pxx[i];
            double nxv = (1 - kx) * pxv[i];
            double nvv = pvv[i] - kv * pxv[i];
            pxx[i] = nxx;
            pxv[i] = nxv;
            pvv[i] = nvv;
        }
    }

    Box box() {
        double h = x[3], w = x[2] * h;
        return new Box(x[0] - w / 2, x[1] - h / 2, x[0] + w / 2, x[1] + h / 2);
    }

    private static double[] measure(Box b) {
        double h = Math.max(b.height(), 1e-3);
        return new double[]{(b.x1() + b.x2()) / 2, (b.y1() + b.y2()) / 2, b.width() / h, h};
    }
}
