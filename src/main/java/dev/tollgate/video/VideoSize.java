package dev.tollgate.video;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A job's frame size, written {@code WIDTHxHEIGHT} as the OpenAI API writes it. */
record VideoSize(int width, int height) {

    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{1,4})x([1-9][0-9]{1,4})");

    VideoSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("A video size is positive: " + width + "x" + height);
        }
    }

    static VideoSize parse(String size) {
        Matcher matcher = FORM.matcher(size);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a video size (WIDTHxHEIGHT): " + size);
        }
        return new VideoSize(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }
}
