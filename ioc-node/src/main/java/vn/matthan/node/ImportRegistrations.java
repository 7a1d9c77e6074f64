package vn.matthan.node;

/**
 * {@code ./ioc import-registrations FILE.csv}: sends the registration authority's export to the running node's vehicle
 * registry import ({@code POST /api/registrations}, admin): header
 * {@code plate,owner_name,owner_address,vehicle_type,colour,brand,valid_from,valid_to}. Prints every rejected line with
 * its reason and the counts of added, updated, unchanged and closed periods; exit 0 all taken, 1 some rejected,
 * 2 nothing imported. Credentials from IOC_USER, IOC_PASSWORD; the node at IOC_URL (default http://localhost:8080).
 */
public final class ImportRegistrations {
    private ImportRegistrations() {
    }

    public static void main(String[] args) throws Exception {
        CsvImport.run(args, "./ioc import-registrations FILE.csv (header plate,owner_name,owner_address,vehicle_type,colour,brand,valid_from,valid_to)",
                "an admin", "/api/registrations", "registrations", "added", "updated", "unchanged", "closed");
    }
}
