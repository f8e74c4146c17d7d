package io.hearth.api;

import io.hearth.model.ErrorCode;
import io.hearth.model.HearthException;
import java.util.ArrayList;
import java.util.List;

/**
 * The routes of one HTTP surface: method + path template → operation. Dispatch scans the few
 * routes in order comparing pre-split segments; a path that matches some route but not with this
 * method is a 405, a path that matches none a 404, both as Lambda-style errors.
 */
final class RouteTable {

    /** One row of the table. */
    record Route(String method, PathTemplate path, Operation operation) {}

    private final Route[] routes;

    private RouteTable(List<Route> routes) {
        this.routes = routes.toArray(Route[]::new);
    }

    static Builder builder() {
        return new Builder();
    }

    /** The rows, in match order (for documentation and tests). */
    List<Route> routes() {
        return List.of(routes);
    }

    /** Routes the exchange to its operation (binding path variables); throws 404/405 HearthExceptions. */
    Operation route(Exchange ex, String[] segments) {
        String method = ex.method();
        boolean pathKnown = false;
        for (Route route : routes) {
            if (!route.path().matches(segments)) continue;
            if (route.method().equals(method)) {
                ex.bind(route.path(), route.path().values(segments));
                return route.operation();
            }
            pathKnown = true;
        }
        String target = abbreviate(ex.rawPath());
        if (pathKnown) {
            throw new HearthException(ErrorCode.METHOD_NOT_ALLOWED,
                    "The method " + method + " is not allowed for the resource " + target);
        }
        throw new HearthException(ErrorCode.NOT_FOUND_ROUTE, "No operation matches " + method + " " + target);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** Collects routes in the order they are matched. */
    static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        Builder add(String method, String template, Operation operation) {
            routes.add(new Route(method, PathTemplate.of(template), operation));
            return this;
        }

        RouteTable build() {
            return new RouteTable(routes);
        }
    }
}
