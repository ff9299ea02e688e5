package dev.runstore.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.runstore.core.time.UtcTime;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.function.Function;

/**
 * Writes instants as Python's UTC {@code isoformat()} and reads any ISO 8601 offset form back as
 * UTC. Registered after jackson-datatype-jsr310's module, so it wins for these types; the others
 * (LocalDate, Duration, …) keep jsr310's ISO forms. A LocalDateTime is refused: its zone is unknown.
 */
final class UtcTimeModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    UtcTimeModule() {
        super("runstore-utc-time");
        addSerializer(Instant.class, new IsoSerializer<>());
        addSerializer(OffsetDateTime.class, new IsoSerializer<>());
        addSerializer(ZonedDateTime.class, new IsoSerializer<>());
        addSerializer(LocalDateTime.class, new JsonSerializer<>() {
            @Override
            public void serialize(LocalDateTime value, JsonGenerator gen, SerializerProvider serializers) {
                throw UtcTime.localDateTimeRefused();
            }
        });
        addDeserializer(Instant.class, new IsoDeserializer<>(i -> i));
        addDeserializer(OffsetDateTime.class, new IsoDeserializer<>(UtcTime::atUtc));
        addDeserializer(ZonedDateTime.class, new IsoDeserializer<>(i -> i.atZone(ZoneOffset.UTC)));
    }

    private static final class IsoSerializer<T extends TemporalAccessor> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(UtcTime.toIso(UtcTime.toInstant(value)));
        }
    }

    private static final class IsoDeserializer<T> extends JsonDeserializer<T> {
        private final Function<Instant, T> fromUtc;

        IsoDeserializer(Function<Instant, T> fromUtc) {
            this.fromUtc = fromUtc;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return fromUtc.apply(UtcTime.parseIso(parser.getValueAsString()));
        }
    }
}
