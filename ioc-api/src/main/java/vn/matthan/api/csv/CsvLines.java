package vn.matthan.api.csv;

/**
 * The 1-based line of each record of a CSV text, for naming bad rows by line: a quoted field may span lines, so record
 * numbers are not lines. Positions asked for only grow (Commons CSV's record character positions, in order).
 */
public final class CsvLines {
    private final String text;
    private int pos;
    private long line = 1;

    public CsvLines(String text) {
        this.text = text;
    }

    /** The line a record starting at this character position begins on. */
    public long at(long position) {
        for (; pos < position && pos < text.length(); pos++) if (text.charAt(pos) == '\n') line++;
        // A record's position lies before the empty lines skipped ahead of it.
        for (; pos < text.length() && (text.charAt(pos) == '\n' || text.charAt(pos) == '\r'); pos++) if (text.charAt(pos) == '\n') line++;
        return line;
    }
}
