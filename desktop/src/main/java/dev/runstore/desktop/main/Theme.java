package dev.runstore.desktop.main;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/**
 * AtlantaFX's Primer, light or dark. The console's own stylesheet uses the theme's looked-up colours
 * only, so it follows the switch without a second stylesheet.
 */
final class Theme {
    private Theme() {}

    static void apply(boolean dark) {
        Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }
}
