package vn.matthan.api;

/** The registered owner of a vehicle, as the registration authority lists it. */
public record Owner(String name, String address, String vehicleClass, String brand, String colour) {
}
