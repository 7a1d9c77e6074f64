package vn.matthan.detection.scene;

import vn.matthan.detection.geometry.Polygon;
import vn.matthan.detection.geometry.Segment;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.TrafficClass;

import java.util.Set;

/**
 * A lane's area on the road, who may use it and which way they must travel.
 *
 * @param travel a segment along the lane pointing the legal direction of travel
 */
public record Lane(String name, Polygon area, Set<TrafficClass> allowedClasses, Segment travel) {

    public Lane {
        allowedClasses = Set.copyOf(allowedClasses);
    }

    public boolean contains(Point anchor) {
        return area.contains(anchor);
    }

    public boolean allows(TrafficClass c) {
        return allowedClasses.contains(c);
    }
}
