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

    /** The commonest English words, most frequent first. */
    private static final List<String> COMMON_WORDS = List.of("""
            the of and to a in is it you that he was for on are with as I his they be at one have this from or
            had by not word but what some we can out other were all there when up use your how said an each she
            which do their time if will way about many then them write would like so these her long make thing
            see him two has look more day could go come did number sound no most people my over know water than
            call first who may down side been now find any new work part take get place made live where after
            back little only round man year came show every good me give our under name very through just form
            sentence great think say help low line differ turn cause much mean before move right boy old too
            same tell does set three want air well also play small end put home read hand port large spell add
            even land here must big high such follow act why ask men change went light kind off need house
            picture try us again animal point mother world near build self earth father don't it's they'll
            we've I'm isn't couldn't Tollgate's
            """.strip().split("\\s+"));

    private static final List<String> SYLLABLES = List.of(
            "ka ro min tel va quo ster an de li pra gon ful ex tion ble ish ment er ing ous cor pen di sum".split(" "));

    private Texts() {}

    /**
     * English-like prose of seeded words: common words most often, then a long tail of rarer ones, in sentences with
     * capitals, commas, numbers and paragraphs, so its pieces repeat as a real prompt's do.
     */
    static String words(int length) {
        SplittableRandom random = new SplittableRandom(length);
        StringBuilder text = new StringBuilder(length + 200);
        boolean sentenceStart = true;
        while (text.length() < length) {
            String word = random.nextInt(4) > 0 ? commonWord(random) : rareWord(random);
            if (sentenceStart) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
            text.append(word);
            int next = random.nextInt(40);
            sentenceStart = next < 3;
            text.append(
                    switch (next) {
                        case 0 -> ". ";
                        case 1 -> "? ";
                        case 2 -> ".\n\n";
                        case 3, 4 -> ", ";
                        case 5 -> " " + random.nextInt(1, 100_000) + " ";
                        default -> " ";
                    });
        }
        return text.toString();
    }

    /** Zipf-like: the n-th word about as often as 1 / n. */
    private static String commonWord(SplittableRandom random) {
        double rank = Math.exp(random.nextDouble() * Math.log(COMMON_WORDS.size()));
        return COMMON_WORDS.get((int) rank - 1);
    }

    /** One of some 15,000 made-up words, the first ones more often. */
    private static String rareWord(SplittableRandom random) {
        int rank = (int) Math.exp(random.nextDouble() * Math.log(15_625));
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            word.append(SYLLABLES.get(rank % SYLLABLES.size()));
            rank /= SYLLABLES.size();
        }
        return word.toString();
    }

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
