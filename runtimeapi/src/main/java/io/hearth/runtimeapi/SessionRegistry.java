package io.hearth.runtimeapi;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/** Live sessions by token. Tokens are 128 random bits: knowing one's own says nothing of another's. */
final class SessionRegistry {
    private final ConcurrentHashMap<String, RuntimeSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    RuntimeSession open(String hostPort, String functionName) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String address = hostPort + "/" + RuntimeRoutes.SESSION_PREFIX + "/" + token;
        var session = new RuntimeSession(token, functionName, address, this);
        sessions.put(token, session);
        return session;
    }

    RuntimeSession get(String token) {
        return sessions.get(token);
    }

    void remove(String token) {
        sessions.remove(token);
    }

    int size() {
        return sessions.size();
    }
}
