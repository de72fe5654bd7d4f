package dev.tollgate.gateway.openai;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.Collection;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The parts of an uploaded form. Forms are parsed on first use, through Spring's multipart support, so a body without
 * a boundary, an unterminated part, a file name with a NUL, a file over the size limit or too many parts surface as
 * its {@link MultipartException}, which the web module answers with a 400 or a 413.
 */
final class FormParts {

    private FormParts() {}

    static Collection<Part> of(MultipartHttpServletRequest request) throws IOException {
        request.getMultiFileMap();
        try {
            return request.getParts();
        } catch (ServletException | IllegalStateException e) {
            throw new MultipartException("The multipart/form-data body could not be read", e);
        }
    }
}
