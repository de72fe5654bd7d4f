package dev.tollgate.provider.tokens;

import java.util.List;
import java.util.SplittableRandom;

/** Texts of a given length to count: English prose, or a mix of the kinds of text prompts hold. */
final class Texts {

    private static final List<String> SENTENCES = List.of(
            "The quarterly report covers revenue, costs and hiring plans in detail. ",
            "Isn't it odd that they'll ship 1,250 units by 2026-03-31? ",
            "We couldn't reproduce the bug; it's probably fixed.\n\n");

    private static final List<String> MIXED = List.of(
            "The quarterly report covers revenue, costs and hiring plans in detail. ",
            "    if (count > 0) {\n        return items.get(count - 1);\n    }\n",
            "{\"id\":\"3fa85f64-5717-4562-b3fc-2c963f66afa6\",\"values\":[1.5,2,-3e8],\"ok\":true}\n",
            "東京は日本の首都です。人口は約1400万人、面積は2194平方キロメートルです。",
            "Ünïcödé façade naïve café — «quotes» and ‘smart’ “marks”… ",
            "Emoji 🎉🧑‍🚀👍🏽 flags 🇩🇪🇯🇵 and symbols ∑∫√≈≠ ",
            "Ελληνικά, русский текст, עברית, العربية, हिन्दी, ภาษาไทยไม่มีช่องว่างระหว่างคำ ",
            "https://example.com/path/to/resource?query=value&other=1#fragment ",
            "aGVsbG8gd29ybGQhIHRoaXMgaXMgYmFzZTY0IGVuY29kZWQgdGV4dA== ",
            "\t\r\n   \u00A0\u2003 trailing spaces   \n",
            "it's, they're, we've, I'm, you'll, he'd, O'Brien's — 'quoted' ",
            "===========================================\n",
            "x\u0301y\u0308 e\u0300\u0301\u0302 !\u0301? 5\u0301 ");

    private Texts() {}

    static String prose(int length) {
        return repeat(SENTENCES, length);
    }

    static String mixed(int length) {
        return repeat(MIXED, length);
    }

    private static String repeat(List<String> pieces, int length) {
        SplittableRandom random = new SplittableRandom(length);
        StringBuilder text = new StringBuilder(length + 200);
        while (text.length() < length) {
            text.append(pieces.get(random.nextInt(pieces.size())));
        }
        return text.toString();
    }
}
