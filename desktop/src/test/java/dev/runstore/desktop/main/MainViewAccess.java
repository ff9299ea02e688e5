package dev.runstore.desktop.main;

/** The window's minimum size, for tests in other packages. */
public final class MainViewAccess {
    private MainViewAccess() {}

    public static final double MIN_WIDTH = MainView.MIN_WIDTH;
    public static final double MIN_HEIGHT = MainView.MIN_HEIGHT;
}
