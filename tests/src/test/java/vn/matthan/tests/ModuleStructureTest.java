package vn.matthan.tests;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The product's packages form layers: each package only uses packages below it, and test material stays out. */
class ModuleStructureTest {
    static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("vn.matthan");
        assertThat(product.containPackage("vn.matthan.detection.pipeline")).isTrue();
        assertThat(product.containPackage("vn.matthan.stream")).isTrue();
        assertThat(product.containPackage("vn.matthan.api")).isTrue();
    }

    /** Every package under the root is a slice of its own, the root package included. */
    static SliceAssignment eachPackageUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                return p.equals(root) || p.startsWith(root + ".") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package under " + root;
            }
        };
    }

    @Test
    void detectionPackagesHaveNoCycles() {
        slices().assignedFrom(eachPackageUnder("vn.matthan.detection")).should().beFreeOfCycles().check(product);
    }

    @Test
    void streamJobPackagesHaveNoCycles() {
        slices().assignedFrom(eachPackageUnder("vn.matthan.stream")).should().beFreeOfCycles().check(product);
    }

    @Test
    void apiPackagesHaveNoCycles() {
        slices().assignedFrom(eachPackageUnder("vn.matthan.api")).should().beFreeOfCycles().check(product);
    }

    @Test
    void detectionLayersOnlyLookDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("geometry").definedBy("vn.matthan.detection.geometry..")
                .layer("model").definedBy("vn.matthan.detection.model..")
                .layer("tracking").definedBy("vn.matthan.detection.tracking..")
                .layer("scene").definedBy("vn.matthan.detection.scene..")
                .layer("signal").definedBy("vn.matthan.detection.signal..")
                .layer("rules").definedBy("vn.matthan.detection.rules..")
                .layer("plate").definedBy("vn.matthan.detection.plate..")
                .layer("evidence").definedBy("vn.matthan.detection.evidence..")
                .layer("pipeline").definedBy("vn.matthan.detection.pipeline..")
                .whereLayer("pipeline").mayNotBeAccessedByAnyLayer()
                .whereLayer("evidence").mayOnlyBeAccessedByLayers("pipeline")
                .whereLayer("rules").mayOnlyBeAccessedByLayers("pipeline")
                .whereLayer("plate").mayOnlyBeAccessedByLayers("evidence", "pipeline")
                .whereLayer("signal").mayOnlyBeAccessedByLayers("rules", "pipeline")
                .whereLayer("tracking").mayOnlyBeAccessedByLayers("rules", "plate", "evidence", "pipeline")
                .whereLayer("scene").mayOnlyBeAccessedByLayers("signal", "rules", "plate", "evidence", "pipeline")
                .whereLayer("model").mayOnlyBeAccessedByLayers("tracking", "scene", "signal", "rules", "plate", "evidence", "pipeline")
                .check(product);
    }

    @Test
    void nothingInTheProductUsesTheSceneGenerator() {
        noClasses().that().resideOutsideOfPackage("vn.matthan.testscenes..")
                .and().resideOutsideOfPackage("vn.matthan.bench..")
                .should().dependOnClassesThat().resideInAPackage("vn.matthan.testscenes..")
                .check(product);
    }

    @Test
    void theProductsLibrariesHoldNoSceneGenerator() throws IOException {
        // ./ioc demo runs ioc-node/target/lib/*: the generator must not be among them.
        Path lib = Path.of("../ioc-node/target/lib");
        assertThat(lib).isDirectory();
        List<String> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(jars).anyMatch(n -> n.startsWith("detection-"));
        assertThat(jars).noneMatch(n -> n.startsWith("test-scenes-"));
    }
}
