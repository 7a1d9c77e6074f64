package vn.matthan.config;

import java.io.IOException;
import java.util.List;

/**
 * A configuration file that was refused. Each problem is one line of the form
 * {@code file:line: field.path: reason}; the message holds them all, joined by "; ".
 */
public final class ConfigException extends IOException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    public List<String> problems() {
        return problems;
    }
}
