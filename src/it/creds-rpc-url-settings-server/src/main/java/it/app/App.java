package it.app;

/** Something to compile, so the build runs the whole jar lifecycle. */
public final class App {
    private App() {}

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.println("app");
    }
}
