package com.frameworkadvisor.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A JDBC connection target from {@code DATABASE_URL}: the Heroku form {@code postgres://user:pass@host:port/db}
 * (query such as {@code ?sslmode=require} passed through), a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL,
 * or nothing for the embedded database file under {@code ./data/}.
 *
 * @param jdbcUrl the JDBC URL, without credentials
 * @param user the user name, if any
 * @param password the password, if any; never printed
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {
    public static final String EMBEDDED = "jdbc:h2:file:./data/framework-advisor";

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** @throws IllegalArgumentException naming what is wrong with the URL (without its password) */
    public static DatabaseUrl parse(Optional<String> databaseUrl) {
        if (databaseUrl.isEmpty()) {
            return new DatabaseUrl(EMBEDDED, Optional.empty(), Optional.empty());
        }
        String url = databaseUrl.get().strip();
        if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:")) {
            return new DatabaseUrl(url, Optional.empty(), Optional.empty());
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            try {
                URI uri = new URI(url);
                if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                    throw new IllegalArgumentException("DATABASE_URL must look like "
                            + "postgres://user:password@host:port/database");
                }
                String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                        + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                Optional<String> user = Optional.empty();
                Optional<String> password = Optional.empty();
                if (uri.getRawUserInfo() != null) {
                    String[] parts = uri.getRawUserInfo().split(":", 2);
                    user = Optional.of(decode(parts[0]));
                    password = parts.length > 1 ? Optional.of(decode(parts[1])) : Optional.empty();
                }
                return new DatabaseUrl(jdbc, user, password);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("DATABASE_URL is not a valid URL (postgres://user:password@host:"
                        + "port/database expected)");
            }
        }
        throw new IllegalArgumentException("DATABASE_URL must start with postgres://, postgresql://, "
                + "jdbc:postgresql: or jdbc:h2:");
    }

    public boolean isEmbedded() {
        return jdbcUrl.startsWith("jdbc:h2:file:");
    }

    /** The embedded H2 database's file path, without H2's {@code .mv.db}; empty for any other database. */
    public Optional<Path> embeddedFile() {
        if (!isEmbedded()) {
            return Optional.empty();
        }
        String path = jdbcUrl.substring("jdbc:h2:file:".length()).split(";", 2)[0];
        return Optional.of(path.startsWith("~") ? Path.of(System.getProperty("user.home") + path.substring(1))
                : Path.of(path));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The JDBC URL with any {@code password=} parameter masked, for logs and error messages. */
    public String redactedJdbcUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + redactedJdbcUrl() + ", user=" + user.orElse("-") + "]";
    }
}
