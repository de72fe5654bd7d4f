package dev.tollgate.catalog;

/** An image model's one fixed output size. */
public record Resolution(int width, int height) {

    public Resolution {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("A resolution is positive: " + width + "x" + height);
        }
    }

    /** The OpenAI {@code size} parameter form: {@code 1024x1024}. */
    public String size() {
        return width + "x" + height;
    }

    /** How people read it: {@code 1024×1024}. */
    public String label() {
        return width + "×" + height;
    }
}
