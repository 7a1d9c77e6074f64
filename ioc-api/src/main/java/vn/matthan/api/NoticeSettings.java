package vn.matthan.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a notice says beyond the case: the issuing authority, the legal basis per violation type, where citizens
 * look cases up (the QR code's target) and what the owner must do. From {@code config/notice.yaml}.
 *
 * @param lookupUrl public lookup page; the normalised plate is appended
 */
public record NoticeSettings(String authority, String place, Map<String, String> legalBasis, String lookupUrl,
                             String instructions, Path fontFile) {

    public static NoticeSettings load(Path file) throws IOException {
        JsonNode n;
        try {
            n = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not readable YAML: " + e.getMessage(), e);
        }
        for (String f : new String[]{"authority", "place", "legal_basis", "lookup_url", "instructions"}) {
            if (n == null || n.path(f).isMissingNode() || n.path(f).isNull()) throw new IOException(file + ": " + f + ": required");
        }
        Map<String, String> basis = new HashMap<>();
        n.path("legal_basis").fields().forEachRemaining(e -> basis.put(e.getKey(), e.getValue().asText()));
        return new NoticeSettings(n.path("authority").asText(), n.path("place").asText(), basis, n.path("lookup_url").asText(),
                n.path("instructions").asText(), Path.of(n.path("font").asText("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")));
    }

    public String lookupFor(String normalisedPlate) {
        return lookupUrl + normalisedPlate;
    }
}
