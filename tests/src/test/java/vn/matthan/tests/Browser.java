package vn.matthan.tests;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Debian's headless Chromium, started without any network access beyond the page under test. */
public final class Browser {
    private Browser() {
    }

    public static ChromeDriver start() {
        return start(null);
    }

    /** @param downloads where downloads land without asking; null: the default */
    public static ChromeDriver start(Path downloads) {
        ChromeOptions o = new ChromeOptions();
        if (downloads != null) {
            o.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false, "download.directory_upgrade", true));
        }
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1600,900", "--lang=vi");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    /** Saves a screenshot under tests/target/screenshots for the record. */
    public static Path screenshot(ChromeDriver driver, String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        Path file = dir.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }
}
