package dev.tollgate.provider.simulator.video;

import java.awt.Color;
import java.util.Map;
import java.util.Optional;

/** Words a prompt may use for a colour, with the colour a viewer would expect them to show. */
final class ColourWords {

    private static final Map<String, Color> COLOURS = Map.ofEntries(
            Map.entry("red", new Color(0xD8_3A_34)),
            Map.entry("crimson", new Color(0xB8_1D_3A)),
            Map.entry("fire", new Color(0xF0_5A_1E)),
            Map.entry("orange", new Color(0xF0_8C_28)),
            Map.entry("sunset", new Color(0xF2_6B_46)),
            Map.entry("amber", new Color(0xF0_A8_2A)),
            Map.entry("yellow", new Color(0xF0_D2_3C)),
            Map.entry("gold", new Color(0xE6_B4_32)),
            Map.entry("golden", new Color(0xE6_B4_32)),
            Map.entry("green", new Color(0x46_AA_50)),
            Map.entry("forest", new Color(0x2E_7D_46)),
            Map.entry("emerald", new Color(0x1E_A0_6E)),
            Map.entry("teal", new Color(0x1E_96_96)),
            Map.entry("cyan", new Color(0x32_C8_DC)),
            Map.entry("turquoise", new Color(0x3C_D2_C3)),
            Map.entry("sky", new Color(0x78_B4_F0)),
            Map.entry("blue", new Color(0x32_6E_DC)),
            Map.entry("ocean", new Color(0x1E_64_AA)),
            Map.entry("sea", new Color(0x1E_6E_A5)),
            Map.entry("navy", new Color(0x1E_2D_6E)),
            Map.entry("purple", new Color(0x82_46_BE)),
            Map.entry("violet", new Color(0x8C_50_DC)),
            Map.entry("pink", new Color(0xF0_78_AA)),
            Map.entry("magenta", new Color(0xD2_32_A0)),
            Map.entry("brown", new Color(0x8C_5A_32)),
            Map.entry("white", new Color(0xEE_F0_F5)),
            Map.entry("snow", new Color(0xE6_EE_F8)),
            Map.entry("ice", new Color(0xAA_DC_F0)),
            Map.entry("silver", new Color(0xB4_BA_C8)),
            Map.entry("grey", new Color(0x8C_91_9B)),
            Map.entry("gray", new Color(0x8C_91_9B)),
            Map.entry("black", new Color(0x1E_1E_28)),
            Map.entry("night", new Color(0x14_1C_3C)),
            Map.entry("midnight", new Color(0x10_16_32)));

    private ColourWords() {}

    /** @param word in lower case */
    static Optional<Color> colourOf(String word) {
        return Optional.ofNullable(COLOURS.get(word));
    }
}
