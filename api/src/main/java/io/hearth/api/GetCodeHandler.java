package io.hearth.api;

import io.hearth.engine.ControlPlane;
import io.hearth.model.HearthException;

/**
 * {@code GET /hearth/v1/code/{sha256hex}} → the deployment package as {@code application/zip};
 * this is where GetFunction's {@code Code.Location} points. Unknown → 404; not a lowercase hex
 * SHA-256 → 400.
 */
final class GetCodeHandler implements Operation {
    private final ControlPlane control;

    GetCodeHandler(ControlPlane control) {
        this.control = control;
    }

    @Override
    public void handle(Exchange ex) {
        String sha = ex.path("sha256");
        if (!isSha256Hex(sha)) {
            throw HearthException.invalid("'" + sha + "' is not a lowercase hex SHA-256 of a code package");
        }
        ex.bytes(200, "application/zip", control.codeZip(sha));
    }

    static boolean isSha256Hex(String s) {
        if (s.length() != 64) return false;
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }
}
