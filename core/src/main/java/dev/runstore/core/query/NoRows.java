package dev.runstore.core.query;

import java.lang.reflect.Proxy;
import java.sql.ResultSet;

/** The result of a statement that returned none: next() is false, close() does nothing. */
final class NoRows {
    private NoRows() {}

    static ResultSet resultSet() {
        return (ResultSet) Proxy.newProxyInstance(
                ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "next", "isClosed" -> false;
                        case "close" -> null;
                        default ->
                            throw new UnsupportedOperationException(
                                    "a statement without rows has no " + method.getName());
                    };
                });
    }
}
