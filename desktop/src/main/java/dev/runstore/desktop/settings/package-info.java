/**
 * What the console remembers between starts: the window's size and place, split positions, the
 * last panel and the theme. Never credentials: a password has no key here by construction (see
 * {@link dev.runstore.desktop.settings.ConsoleSettings}).
 */
package dev.runstore.desktop.settings;
