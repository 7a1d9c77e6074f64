package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.matthan.events.PlateGrammar;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Who owned a plate on a given day. The database implementation reads the current versions of the registration
 * periods in {@code vehicle_registration} (filled by the registry import): the period holding that day.
 */
public interface VehicleRegistry {
    String OWNER_ON_DAY = """
            SELECT owner_name, owner_address, vehicle_class, brand, colour FROM vehicle_registration
             WHERE plate = $1 AND superseded_at IS NULL AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)
             ORDER BY valid_from DESC LIMIT 1""";

    /**
     * @param plate normalised plate (letters and digits)
     * @param day   the Vietnamese local day of the violation
     */
    Future<Optional<Owner>> owner(String plate, LocalDate day);

    static VehicleRegistry database(Pool pool) {
        return (plate, day) -> pool.preparedQuery(OWNER_ON_DAY).execute(Tuple.of(plate, day)).map(rows -> {
            if (rows.size() == 0) return Optional.empty();
            Row r = rows.iterator().next();
            return Optional.of(new Owner(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
        });
    }

    /** Letters and digits only, upper case: how plates are stored and compared. */
    static String normalise(String plate) {
        return PlateGrammar.normalise(plate);
    }
}
