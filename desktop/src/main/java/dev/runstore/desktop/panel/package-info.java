/**
 * How a tab of the console plugs in: its view model implements {@link dev.runstore.desktop.panel.Panel}
 * (most extend {@link dev.runstore.desktop.panel.LoadingPanel}) and loads its own data through one
 * {@link dev.runstore.desktop.data.DatabaseSession} method, only while its tab is visible.
 *
 * <p>The rule, kept by {@code MainViewModel}: on open every panel is {@code reset()} and the visible
 * one refreshed; the live refresh and F5 call {@code refresh()} on every panel, and a hidden panel
 * only marks itself stale (no database work); switching tabs calls {@code deactivate()} on the old
 * panel and {@code activate()} on the new one, which loads if stale. So a refresh costs the visible
 * panel's load alone, however many panels there are.
 *
 * <p>To add a tab: a view model extending {@code LoadingPanel<T>} (its {@code load} calls the
 * session off the FX thread, its {@code show} fills plain JavaFX properties on it), a {@code Tab}
 * in MainView.fxml, and the view model in {@code MainViewModel}'s panel list at the tab's index.
 */
package dev.runstore.desktop.panel;
