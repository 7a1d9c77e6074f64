package vn.matthan.api;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The camera status the API shows is the one its OpenAPI document describes, in each of its three forms. */
class CameraStatusTest {
    final Validator schema = Validator.create(JsonSchema.of(documented("CameraStatus")),
            new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("app:///"));

    @Test
    void aRunningCameraShowsItsCountersAndWhetherItHasAnError() {
        JsonObject json = CameraStatus.json(new CameraStatus("STREAMING",
                new CameraStatus.Counters(25.0, 5.0, 2500, 500, 3, 1, 0, 40, 120, 37), null));
        assertThat(json.getString("state")).isEqualTo("STREAMING");
        assertThat(json.getDouble("input_fps")).isEqualTo(25.0);
        assertThat(json.getLong("analysed_frames")).isEqualTo(500);
        assertThat(json.getLong("passages")).isEqualTo(37);
        assertThat(json.containsKey("last_error")).as("null, so the wall clears its alert").isTrue();
        assertThat(json.fieldNames()).containsExactlyInAnyOrderElementsOf(documented("CameraStatus").getJsonObject("properties").fieldNames());
        assertValid(json);
    }

    @Test
    void aCameraThatDoesNotRunHereSaysWhy() {
        JsonObject json = CameraStatus.json(CameraStatus.notRunning("scene calibration invalid"));
        assertThat(json).isEqualTo(new JsonObject().put("state", "FAILED").put("last_error", "scene calibration invalid"));
        assertValid(json);
    }

    @Test
    void anUnknownCameraIsTheEmptyObject() {
        assertThat(CameraStatus.json(null)).isEqualTo(new JsonObject());
        assertThat(CameraStatus.json(CameraStatusSource.NONE.status("qng-01"))).isEqualTo(new JsonObject());
        assertValid(new JsonObject());
    }

    void assertValid(JsonObject json) {
        OutputUnit result = schema.validate(json);
        assertThat(result.getValid()).as(String.valueOf(result.getErrors())).isTrue();
    }

    static JsonObject documented(String name) {
        try (InputStream in = CameraStatusTest.class.getResourceAsStream("/openapi.json")) {
            return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
