/** The Checks panel: view (FXML + controller) and view model. */
package dev.runstore.desktop.checks;
