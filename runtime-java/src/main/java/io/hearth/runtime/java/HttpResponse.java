package io.hearth.runtime.java;

import java.util.Map;

/**
 * One HTTP response from the Runtime API.
 *
 * @param status  status code
 * @param headers header values by lower-case name (the last one when repeated)
 * @param body    the whole body, empty when none
 */
record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
