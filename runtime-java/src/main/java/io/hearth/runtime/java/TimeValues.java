package io.hearth.runtime.java;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * Dates and times as Lambda's serializer maps them: {@code java.util.Date} as epoch milliseconds
 * (fractional epoch seconds inside event classes), Joda {@code DateTime} as an ISO-8601 string,
 * and {@code java.time} as Jackson's JavaTimeModule does by default — instants (and offset/zoned
 * date-times, durations) as decimal seconds {@code 1700000000.000000123}, local dates and times as
 * arrays {@code [2024,1,31]}, {@code [2024,1,31,10,15]} — while reading also accepts ISO strings.
 */
final class TimeValues {
    static final Object NOT_TIME = new Object();

    private TimeValues() {}

    static boolean write(Object v, StringBuilder sb, boolean eventDates) {
        if (v instanceof Date d) {
            if (eventDates) sb.append(d.getTime() / 1000.0);
            else sb.append(d.getTime());
        } else if (v instanceof Calendar c) {
            sb.append(c.getTimeInMillis());
        } else if (v instanceof Instant t) {
            decimal(sb, t.getEpochSecond(), t.getNano());
        } else if (v instanceof OffsetDateTime t) {
            decimal(sb, t.toEpochSecond(), t.getNano());
        } else if (v instanceof ZonedDateTime t) {
            decimal(sb, t.toEpochSecond(), t.getNano());
        } else if (v instanceof Duration t) {
            decimal(sb, t.getSeconds(), t.getNano());
        } else if (v instanceof LocalDate t) {
            sb.append('[').append(t.getYear()).append(',').append(t.getMonthValue()).append(',').append(t.getDayOfMonth()).append(']');
        } else if (v instanceof LocalDateTime t) {
            sb.append('[').append(t.getYear()).append(',').append(t.getMonthValue()).append(',').append(t.getDayOfMonth())
                    .append(',');
            time(sb, t.toLocalTime());
            sb.append(']');
        } else if (v instanceof LocalTime t) {
            sb.append('[');
            time(sb, t);
            sb.append(']');
        } else if (v instanceof TemporalAccessor || v instanceof ZoneId || v instanceof TimeZone
                || v.getClass().getName().startsWith("org.joda.time.")) {
            JsonWriter.quote(sb, v instanceof TimeZone z ? z.getID() : v.toString());
        } else {
            return false;
        }
        return true;
    }

    private static void time(StringBuilder sb, LocalTime t) {
        sb.append(t.getHour()).append(',').append(t.getMinute());
        if (t.getSecond() > 0 || t.getNano() > 0) sb.append(',').append(t.getSecond());
        if (t.getNano() > 0) sb.append(',').append(t.getNano());
    }

    /** Jackson's decimal timestamp: seconds, a point, nine digits of nanoseconds (or ".0"). */
    private static void decimal(StringBuilder sb, long seconds, int nanos) {
        if (nanos == 0) {
            sb.append(seconds == 0 ? "0.0" : seconds + ".0");
            return;
        }
        String n = Integer.toString(nanos);
        sb.append(seconds).append('.').append("000000000", 0, 9 - n.length()).append(n);
    }

    static boolean isTime(Class<?> c) {
        return Date.class.isAssignableFrom(c) || Calendar.class.isAssignableFrom(c)
                || c.getName().startsWith("java.time.") || c.getName().startsWith("org.joda.time.");
    }

    /** {@code node} read as time type {@code c}, or {@link #NOT_TIME} if {@code c} is none. */
    static Object read(Object node, Class<?> c, boolean eventDates) throws JsonException {
        try {
            return readOrThrow(node, c, eventDates);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from " + JsonBinder.describe(node)
                    + ": " + e.getMessage(), e);
        }
    }

    private static Object readOrThrow(Object node, Class<?> c, boolean eventDates) throws JsonException {
        if (c == Date.class) {
            if (node instanceof JsonNumber num) {
                if (eventDates) {
                    double seconds = num.doubleValue();
                    return seconds == 0.0 ? null : new Date((long) (seconds * 1000.0));
                }
                return new Date(num.bigInteger().longValue());
            }
            return Date.from(instant(text(node, c)));
        }
        if (c == Calendar.class || c == GregorianCalendar.class) {
            var cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            cal.setTimeInMillis(node instanceof JsonNumber num ? num.bigInteger().longValue()
                    : instant(text(node, c)).toEpochMilli());
            return cal;
        }
        if (c == Instant.class) {
            if (node instanceof JsonNumber num) return fromDecimal(num);
            return instant(text(node, c));
        }
        if (c == OffsetDateTime.class) {
            if (node instanceof JsonNumber num) return fromDecimal(num).atOffset(ZoneOffset.UTC);
            return OffsetDateTime.parse(text(node, c));
        }
        if (c == ZonedDateTime.class) {
            if (node instanceof JsonNumber num) return fromDecimal(num).atZone(ZoneOffset.UTC);
            return ZonedDateTime.parse(text(node, c));
        }
        if (c == Duration.class) {
            if (node instanceof JsonNumber num) {
                Instant i = fromDecimal(num);
                return Duration.ofSeconds(i.getEpochSecond(), i.getNano());
            }
            return Duration.parse(text(node, c));
        }
        if (c == LocalDate.class) {
            if (node instanceof List<?> a && a.size() == 3) return LocalDate.of(i(a, 0), i(a, 1), i(a, 2));
            return LocalDate.parse(text(node, c));
        }
        if (c == LocalDateTime.class) {
            if (node instanceof List<?> a && a.size() >= 5) {
                return LocalDateTime.of(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), a.size() > 5 ? i(a, 5) : 0,
                        a.size() > 6 ? i(a, 6) : 0);
            }
            return LocalDateTime.parse(text(node, c));
        }
        if (c == LocalTime.class) {
            if (node instanceof List<?> a && a.size() >= 2) {
                return LocalTime.of(i(a, 0), i(a, 1), a.size() > 2 ? i(a, 2) : 0, a.size() > 3 ? i(a, 3) : 0);
            }
            return LocalTime.parse(text(node, c));
        }
        if (c.getName().startsWith("java.time.") || c.getName().startsWith("org.joda.time.")) {
            return viaParse(c, text(node, c));
        }
        return NOT_TIME;
    }

    private static Object viaParse(Class<?> c, String text) throws JsonException {
        try {
            Method parse = c.getMethod(c == ZoneId.class || c == ZoneOffset.class ? "of" : "parse", String.class);
            return parse.invoke(null, text);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from String \"" + text
                    + "\": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new JsonException("Cannot deserialize value of type `" + c.getName() + "`: no parse(String) method");
        }
    }

    private static int i(List<?> a, int k) throws JsonException {
        if (a.get(k) instanceof JsonNumber n && n.integral()) return Integer.parseInt(n.text());
        throw new JsonException("Unexpected token in date-time array: " + JsonBinder.describe(a.get(k)));
    }

    private static String text(Object node, Class<?> c) throws JsonException {
        if (node instanceof String s) return s.trim();
        if (node instanceof JsonNumber n) return n.text();
        throw new JsonException("Cannot deserialize value of type `" + c.getName() + "` from " + JsonBinder.describe(node));
    }

    private static Instant fromDecimal(JsonNumber num) {
        if (num.integral()) return Instant.ofEpochSecond(Long.parseLong(num.text()));
        BigDecimal d = num.bigDecimal();
        long seconds = d.longValue();
        int nanos = d.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static boolean epochMillis(String s) {
        if (s.isEmpty() || s.length() > 19) return false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(Character.isDigit(c) || (k == 0 && c == '-' && s.length() > 1))) return false;
        }
        return true;
    }

    /** ISO instant, offset date-time, local date-time (UTC), date (UTC midnight), RFC 1123, or epoch millis. */
    private static Instant instant(String s) {
        if (epochMillis(s)) return Instant.ofEpochMilli(Long.parseLong(s));
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e3) {
                    return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                }
            }
        }
    }
}
