/** The main window: its FXML, thin controller ({@code MainView}) and view model. */
package dev.runstore.desktop.main;
