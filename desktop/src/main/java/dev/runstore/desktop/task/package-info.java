/** Background work for the console: database calls never run on the FX thread. */
package dev.runstore.desktop.task;
