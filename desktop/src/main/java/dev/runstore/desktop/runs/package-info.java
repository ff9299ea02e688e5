/** The Runs panel (runs, their events, payloads): view (FXML + controller) and view model. */
package dev.runstore.desktop.runs;
