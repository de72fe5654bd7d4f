package dev.tollgate.gateway.responses;

/** A response's id, made from the id of the request that created it so the two can be matched in usage and logs. */
final class ResponseIds {

    private ResponseIds() {}

    static String of(String requestId) {
        return "resp_" + requestId.substring(requestId.indexOf('_') + 1);
    }
}
