package vn.matthan.node;

import vn.matthan.ingest.CameraConfig;
import vn.matthan.ingest.StreamErrors;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Publishes the camera registry into the {@code camera} table that the API reads. */
final class CameraDirectory {
    private CameraDirectory() {
    }

    static void publish(DatabaseTarget db, List<CameraConfig> cameras) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement st = c.prepareStatement("""
                     INSERT INTO camera (id, name, unit_code, latitude, longitude, stream_url, updated_at)
                     VALUES (?, ?, ?, ?, ?, ?, now())
                     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, unit_code = EXCLUDED.unit_code,
                       latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
                       stream_url = EXCLUDED.stream_url, updated_at = now()""")) {
            for (CameraConfig cam : cameras) {
                st.setString(1, cam.id());
                st.setString(2, cam.name());
                st.setString(3, cam.unitCode());
                st.setDouble(4, cam.latitude());
                st.setDouble(5, cam.longitude());
                st.setString(6, StreamErrors.redact(cam.url()));
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
