package dev.tollgate.support;

/** The two screens every portal view is checked at: a desk monitor and a phone held upright. */
public enum Screen {
    DESK(1440, 900),
    PHONE(390, 844);

    private final int width;
    private final int height;

    Screen(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A suffix for screenshot names, so both widths of one view sort next to each other. */
    public String suffix() {
        return "-" + width;
    }
}
