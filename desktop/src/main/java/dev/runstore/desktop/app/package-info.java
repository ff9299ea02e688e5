/** Starting the console: the launcher (answers --version without a display), the application and --smoke. */
package dev.runstore.desktop.app;
