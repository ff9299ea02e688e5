package dev.runstore.desktop.support;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Saves what a window shows as PNG (desktop/target/screenshots), without javafx-swing. */
public final class Screenshots {
    private Screenshots() {}

    public static Path save(Scene scene, String name) {
        Path folder = Path.of(System.getProperty("runstore.screenshots", "target/screenshots"));
        try {
            WritableImage image =
                    WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
            BufferedImage png =
                    new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_ARGB);
            PixelReader pixels = image.getPixelReader();
            for (int y = 0; y < png.getHeight(); y++) {
                for (int x = 0; x < png.getWidth(); x++) {
                    png.setRGB(x, y, pixels.getArgb(x, y));
                }
            }
            Files.createDirectories(folder);
            Path file = folder.resolve(name + ".png");
            ImageIO.write(png, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not take a screenshot of " + name, e);
        }
    }
}
