package dev.tollgate.provider.bedrock;

import dev.tollgate.provider.ImagePart;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;

/** Images as Converse takes them: raw bytes with their format (png, jpeg, gif, webp); it fetches no URLs. */
final class ImageBlocks {

    private ImageBlocks() {}

    static ImageBlock of(ImagePart image) {
        if (image.base64Data() == null) {
            throw ConverseRequestWriter.unsupported(
                    "Bedrock takes images as inline data only; an image given by URL cannot be sent to it");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(image.base64Data());
        } catch (IllegalArgumentException e) {
            throw ConverseRequestWriter.unsupported("An image's data is not valid base64");
        }
        return ImageBlock.builder()
                .format(format(image.mediaType(), bytes))
                .source(ImageSource.fromBytes(SdkBytes.fromByteArrayUnsafe(bytes)))
                .build();
    }

    /** The declared media type, or what the bytes start with when none was declared. */
    private static ImageFormat format(@Nullable String mediaType, byte[] bytes) {
        if (mediaType != null) {
            @Nullable
            ImageFormat declared = switch (mediaType.strip().toLowerCase(Locale.ROOT)) {
                case "image/png" -> ImageFormat.PNG;
                case "image/jpeg", "image/jpg" -> ImageFormat.JPEG;
                case "image/gif" -> ImageFormat.GIF;
                case "image/webp" -> ImageFormat.WEBP;
                default -> null;
            };
            if (declared != null) {
                return declared;
            }
        }
        if (bytes.length >= 4 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == '8') {
            return ImageFormat.GIF;
        }
        return dev.tollgate.provider.ImageFormat.sniff(bytes)
                .map(sniffed -> switch (sniffed) {
                    case PNG -> ImageFormat.PNG;
                    case JPEG -> ImageFormat.JPEG;
                    case WEBP -> ImageFormat.WEBP;
                })
                .orElseThrow(() ->
                        ConverseRequestWriter.unsupported("Bedrock takes png, jpeg, gif or webp images; this one is "
                                + (mediaType == null ? "of an unknown format" : mediaType)));
    }
}
