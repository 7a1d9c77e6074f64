package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;

/** Who owns a plate. The database implementation reads the {@code vehicle_registration} table. */
public interface VehicleRegistry {
    /** @param plate normalised plate (letters and digits) */
    Future<Optional<Owner>> owner(String plate);

    static VehicleRegistry database(Pool pool) {
        return plate -> pool.preparedQuery("SELECT owner_name, owner_address, vehicle_class, brand, colour FROM vehicle_registration WHERE plate = $1")
                .execute(Tuple.of(plate)).map(rows -> {
                    if (rows.size() == 0) return Optional.empty();
                    Row r = rows.iterator().next();
                    return Optional.of(new Owner(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
                });
    }

    /** Letters and digits only, upper case: how plates are stored and compared. */
    static String normalise(String plate) {
        return plate == null ? null : plate.toUpperCase().replaceAll("[^A-Z0-9]", "");
    }
}
