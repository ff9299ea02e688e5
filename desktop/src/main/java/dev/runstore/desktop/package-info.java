/** The runstore admin console: a JavaFX window over core's admin operations. */
package dev.runstore.desktop;
