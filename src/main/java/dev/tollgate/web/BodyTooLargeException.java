package dev.tollgate.web;

import java.io.IOException;

/** Reading a request body went past the largest body the API accepts; answered with 413 wherever it surfaces. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException() {
        super("The request body is larger than the limit");
    }
}
