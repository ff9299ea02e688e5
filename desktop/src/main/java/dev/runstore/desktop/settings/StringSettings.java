package dev.runstore.desktop.settings;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The settings as text under fixed keys; where the text is kept is the subclass's business. */
abstract class StringSettings implements ConsoleSettings {
    abstract String get(String key);

    abstract void put(String key, String value);

    @Override
    public Optional<WindowBounds> window() {
        double[] numbers = numbers(get("window"));
        if (numbers == null || numbers.length != 5 || numbers[2] <= 0 || numbers[3] <= 0) {
            return Optional.empty();
        }
        return Optional.of(new WindowBounds(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4] != 0));
    }

    @Override
    public void window(WindowBounds bounds) {
        put("window", join(new double[] {
            bounds.x(), bounds.y(), bounds.width(), bounds.height(), bounds.maximized() ? 1 : 0
        }));
    }

    @Override
    public Optional<String> lastPanel() {
        return Optional.ofNullable(get("panel"));
    }

    @Override
    public void lastPanel(String panel) {
        put("panel", panel);
    }

    @Override
    public Optional<double[]> split(String key) {
        double[] positions = numbers(get("split." + key));
        if (positions == null || Arrays.stream(positions).anyMatch(p -> p < 0 || p > 1)) {
            return Optional.empty();
        }
        return Optional.of(positions);
    }

    @Override
    public void split(String key, double[] positions) {
        put("split." + key, join(positions));
    }

    @Override
    public boolean dark() {
        return "dark".equals(get("theme"));
    }

    @Override
    public void dark(boolean dark) {
        put("theme", dark ? "dark" : "light");
    }

    private static String join(double[] numbers) {
        return Arrays.stream(numbers).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    /** Null for missing or unreadable text (a hand edit): the default applies. */
    private static double[] numbers(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double[] numbers = Arrays.stream(text.split(","))
                    .mapToDouble(Double::parseDouble)
                    .toArray();
            return Arrays.stream(numbers).allMatch(Double::isFinite) ? numbers : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
