package vn.matthan.api.indicators;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.time.Instant;
import java.util.List;

/**
 * Every unit's score of one indicator in one period, from where its values live: reported values in
 * {@code indicator_value}, or computed from the cameras and the review desk for a computed indicator. The one way the
 * map, the scorecard, the trend and the leaders' assistant get a scoreboard.
 */
public final class IndicatorBoards {
    private final IndicatorRepository repository;
    private final ComputedIndicators computed;

    public IndicatorBoards(Pool pool) {
        this(new IndicatorRepository(pool), new ComputedIndicators(pool));
    }

    public IndicatorBoards(IndicatorRepository repository, ComputedIndicators computed) {
        this.repository = repository;
        this.computed = computed;
    }

    public IndicatorRepository repository() {
        return repository;
    }

    public Future<Scoreboard> scoreboard(Indicator ind, AdminUnits units, Period period) {
        Future<List<IndicatorValue>> values = ind.source() == Indicator.Source.COMPUTED && ComputedIndicators.knows(ind.id())
                ? computed.values(ind, units, period, Instant.now())
                : repository.values(ind.id(), units.layout(), period.text());
        return values.map(v -> new Scoreboard(ind, units, v));
    }
}
