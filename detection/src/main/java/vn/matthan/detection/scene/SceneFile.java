package vn.matthan.detection.scene;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.ArrayList;
import java.util.List;

/**
 * A scene calibration file ({@code config/scenes/<camera>.yaml}) as written: every key with its default and its
 * constraints, read by {@link vn.matthan.config.ConfigFile} (unknown keys refused). Geometry that depends on other
 * keys (points inside the frame, lanes that do not cross themselves, names that refer to other parts) is checked
 * by {@link SceneCalibration#load}. A point is {@code [x, y]} in frame pixels.
 */
public final class SceneFile {
    static final String NON_NEGATIVE = "${validatedValue} is negative: a number >= 0 is required";
    static final String REQUIRED = "required";

    /** Declared by the surveyor; with the content hash it travels with every event. */
    @NotBlank(message = REQUIRED)
    public String version;
    @NotNull(message = "required: \\{width, height\\} of the analysed frames in pixels")
    @Valid
    public Frame frame;
    public List<@Valid SignalGroupEntry> signalGroups = new ArrayList<>();
    public List<@Valid StopLineEntry> stopLines = new ArrayList<>();
    public List<@Valid LaneEntry> lanes = new ArrayList<>();
    public List<@Valid SolidLineEntry> solidLines = new ArrayList<>();
    public List<@Valid CountLineEntry> countLines = new ArrayList<>();
    /** No-parking and no-stopping zones. */
    public List<@Valid ZoneEntry> restrictedZones = new ArrayList<>();
    /** Optional: 4 image points and where they lie on the road in metres; needed for speed and metre thresholds. */
    @Valid
    public GroundPlaneEntry groundPlane;
    @Valid
    public Rules rules = new Rules();

    public static final class Frame {
        @NotNull(message = "a positive whole number is required")
        @Positive(message = "a positive whole number is required")
        public Integer width;
        @NotNull(message = "a positive whole number is required")
        @Positive(message = "a positive whole number is required")
        public Integer height;
    }

    public static final class SignalGroupEntry {
        @NotBlank(message = REQUIRED)
        public String name;
        @NotNull(message = "required: vision or controller")
        @Pattern(regexp = "vision|controller", message = "expected 'vision' or 'controller', got '${validatedValue}'")
        public String source;
        /** Source vision: {@code [x, y, width, height]} of the signal head in pixels. */
        public List<Integer> lightRegion;
        /** Source controller: the id the signal controller sends on signal.phase. */
        public String controllerId;
        /** A colour is believed only after it has been seen this long without a break. */
        @PositiveOrZero(message = NON_NEGATIVE)
        public double lockSeconds = 0.4;
        /** Gaps up to this long in a colour (LED flicker, one bad frame) do not break it. */
        @PositiveOrZero(message = NON_NEGATIVE)
        public double flickerToleranceSeconds = 0.25;
        /** No lit lamp for this long makes the phase unknown; longer than the flicker tolerance. */
        @PositiveOrZero(message = NON_NEGATIVE)
        public double darkTimeoutSeconds = 2.0;
    }

    public static final class StopLineEntry {
        @NotBlank(message = REQUIRED)
        public String name;
        public List<Double> from;
        /** Forward is the right-hand side walking from 'from' to 'to' (y down). */
        public List<Double> to;
        public String signalGroup;
        /** Lanes whose vehicles may cross on red (e.g. free right turn). */
        public List<String> exemptLanes = new ArrayList<>();
        @PositiveOrZero(message = NON_NEGATIVE)
        public double hysteresisPx = 2;
    }

    public static final class LaneEntry {
        @NotBlank(message = REQUIRED)
        public String name;
        public List<List<Double>> polygon;
        public List<String> allowedClasses;
        /** {from, to} along the legal direction of travel. */
        @Valid
        public Travel travel;
    }

    public static final class Travel {
        public List<Double> from;
        public List<Double> to;
    }

    public static final class SolidLineEntry {
        @NotBlank(message = REQUIRED)
        public String name;
        public List<List<Double>> points;
        /** Dead band either side of the line, in pixels. */
        @PositiveOrZero(message = NON_NEGATIVE)
        public double hysteresisPx = 3;
    }

    public static final class CountLineEntry {
        @NotBlank(message = REQUIRED)
        public String name;
        public List<Double> from;
        public List<Double> to;
        @PositiveOrZero(message = NON_NEGATIVE)
        public double hysteresisPx = 3;
    }

    public static final class ZoneEntry {
        @NotBlank(message = REQUIRED)
        public String name;
        /** parking: no parking (cấm đỗ); stopping: no stopping or parking (cấm dừng, đỗ). */
        @NotNull(message = "required: parking or stopping")
        @Pattern(regexp = "parking|stopping", message = "expected 'parking' or 'stopping', got '${validatedValue}'")
        public String kind;
        public List<List<Double>> polygon;
        /** Standing still in the zone longer than this is a violation. */
        @NotNull(message = "required: seconds a vehicle may stand still in the zone")
        @Positive(message = "must be > 0")
        public Double allowedSeconds;
        /** Local hours "HH:MM-HH:MM" during which the zone applies; absent or empty: all day. */
        public List<String> hours = new ArrayList<>();
        /** A stop line whose red-light queue reaches into the zone: queued vehicles are not counted. */
        public String stopLine;
        /** Seconds after the light turns green during which the queue is still moving off. */
        @PositiveOrZero(message = NON_NEGATIVE)
        public double dischargeSeconds = 10;
    }

    public static final class GroundPlaneEntry {
        /** Four points in the frame. */
        public List<List<Double>> image;
        /** The same four points on the road, in metres. */
        public List<List<Double>> roadMetres;
    }

    /** Rule thresholds; {@link RuleSettings#defaults()} are these defaults. */
    public static final class Rules {
        @Valid
        public RedLight redLight = new RedLight();
        @Valid
        public Lane lane = new Lane();
        @Valid
        public WrongWay wrongWay = new WrongWay();
        @Valid
        public Speeding speeding = new Speeding();

        RuleSettings settings() {
            return new RuleSettings(redLight.minTimeIntoRedSeconds, lane.minFrames, wrongWay.minMetres, wrongWay.minPixels,
                    speeding.limitKmh, speeding.toleranceKmh, speeding.windowSeconds);
        }
    }

    public static final class RedLight {
        /** Grace: crossings earlier into red are not violations. */
        @PositiveOrZero(message = NON_NEGATIVE)
        public double minTimeIntoRedSeconds = 0;
    }

    public static final class Lane {
        /** Frames a vehicle of a class not allowed must stay in a lane. */
        @Min(value = 1, message = "must be >= 1")
        public int minFrames = 8;
    }

    public static final class WrongWay {
        /** Distance against the lane direction, with a ground plane. */
        @PositiveOrZero(message = NON_NEGATIVE)
        public double minMetres = 5;
        /** The same without a ground plane. */
        @PositiveOrZero(message = NON_NEGATIVE)
        public double minPixels = 80;
    }

    public static final class Speeding {
        /** Absent: no speeding rule. Needs a ground plane. */
        @Positive(message = "must be > 0")
        public Double limitKmh;
        /** Measured speeds up to limit + tolerance are not flagged. */
        @PositiveOrZero(message = NON_NEGATIVE)
        public double toleranceKmh = 5;
        /** Speeds are measured over at least this much travel time. */
        @Positive(message = "must be > 0")
        public double windowSeconds = 1.0;
    }
}
