package vn.matthan.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns FFmpeg/JavaCV error text into a short reason an operator can act on. */
public final class StreamErrors {
    private static final Pattern CODE = Pattern.compile("error (-?\\d+)");

    private StreamErrors() {
    }

    public static String describe(String message) {
        if (message == null) return "unknown error";
        Matcher m = CODE.matcher(message);
        if (m.find()) {
            String meaning = switch (Integer.parseInt(m.group(1))) {
                case -111 -> "connection refused";
                case -110 -> "connection timed out";
                case -113 -> "host unreachable";
                case -101 -> "network unreachable";
                case -2 -> "no such file";
                case -13 -> "permission denied";
                case -1094995529 -> "invalid or corrupt data";
                // FFmpeg's HTTP/RTSP status errors: FFERRTAG(0xF8, '4', '0', 'x')
                case -825242872 -> "unauthorized: wrong user or password (401)";
                case -858797304 -> "forbidden (403)";
                case -875574520 -> "stream not found on the server (404)";
                default -> null;
            };
            if (meaning != null) return meaning + " (FFmpeg error " + m.group(1) + ")";
        }
        int cut = message.indexOf(" (Has setFormat()");
        return redact(cut > 0 ? message.substring(0, cut) : message);
    }

    /** Hides the password of {@code rtsp://user:password@host}. */
    public static String redact(String url) {
        return url.replaceAll("(rtsps?://)[^/@\\s\"]*@", "$1***@");
    }
}
