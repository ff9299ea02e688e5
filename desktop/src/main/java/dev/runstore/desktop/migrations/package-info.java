/** The Migrations panel: view (FXML + controller) and view model. */
package dev.runstore.desktop.migrations;
