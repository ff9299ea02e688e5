package dev.runstore.core.json;

import java.sql.Types;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

/** Binds {@link JsonText} as its canonical text and maps TEXT columns back to {@code JsonText}. */
public final class CanonicalJsonPlugin extends JdbiPlugin.Singleton {
    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new JsonTextArgumentFactory());
        jdbi.registerColumnMapper(JsonText.class, (rs, column, ctx) -> {
            String text = rs.getString(column);
            return text == null ? null : JsonText.parse(text);
        });
    }

    private static final class JsonTextArgumentFactory extends AbstractArgumentFactory<JsonText> {
        JsonTextArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(JsonText value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, value.json());
        }
    }
}
