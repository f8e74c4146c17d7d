package io.hearth.runtime.java;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBinderTest {

    private static Object read(String json, Type type) throws JsonException {
        return JsonBinder.read(json.getBytes(StandardCharsets.UTF_8), type, false);
    }

    private static Type type(String field) throws NoSuchFieldException {
        return Holder.class.getDeclaredField(field).getGenericType();
    }

    /** Generic types to read into. */
    @SuppressWarnings("unused")
    static class Holder {
        List<Integer> ints;
        Map<String, List<Point>> pointsByName;
        Set<String> set;
        SortedMap<Integer, String> byNumber;
        Map<Color, Integer> byColor;
        Optional<String> optional;
        Page<Point> page;
        List<? extends Number> wild;
    }

    record Point(int x, int y, String label) {}

    enum Color { RED, GREEN }

    /** A bean with setters, a public field, an overloaded setter and a private setter. */
    public static class Order {
        public String note;
        private String id;
        private long count;
        private Color color;
        private Instant at;
        private List<Point> points;
        private String secret;

        public String getId() { return id; }
        public void setId(String id) { this.id = id; }
        public long getCount() { return count; }
        public void setCount(long count) { this.count = count; }
        public Color getColor() { return color; }
        public void setColor(Color color) { this.color = color; }
        public void setColor(String name) { this.color = Color.valueOf(name.toUpperCase()); }
        public Instant getAt() { return at; }
        public void setAt(Instant at) { this.at = at; }
        public List<Point> getPoints() { return points; }
        public void setPoints(List<Point> points) { this.points = points; }
        String secret() { return secret; }
        @SuppressWarnings("unused")
        private void setSecret(String secret) { this.secret = secret; }
    }

    /** A generic bean. */
    public static class Page<T> {
        private List<T> items;
        private int total;
        public List<T> getItems() { return items; }
        public void setItems(List<T> items) { this.items = items; }
        public int getTotal() { return total; }
        public void setTotal(int total) { this.total = total; }
    }

    /** No way to construct it from JSON. */
    public static class NoDefault {
        public NoDefault(int x) {}
    }

    @Test
    void scalarsWithLambdasCoercions() throws Exception {
        assertThat(read("\"abc\"", String.class)).isEqualTo("abc");
        assertThat(read("12", String.class)).isEqualTo("12");
        assertThat(read("true", String.class)).isEqualTo("true");
        assertThat(read("[\"one\"]", String.class)).isEqualTo("one");
        assertThat(read("\"42\"", int.class)).isEqualTo(42);
        assertThat(read("4.9", int.class)).isEqualTo(4);
        assertThat(read("null", int.class)).isEqualTo(0);
        assertThat(read("null", Integer.class)).isNull();
        assertThat(read("\"\"", Integer.class)).isNull();
        assertThat(read("3000000000", long.class)).isEqualTo(3_000_000_000L);
        assertThat(read("1", boolean.class)).isEqualTo(true);
        assertThat(read("\"FALSE\"", Boolean.class)).isEqualTo(false);
        assertThat(read("\"x\"", char.class)).isEqualTo('x');
        assertThat(read("0.10", BigDecimal.class)).isEqualTo(new BigDecimal("0.10"));
        assertThat(read("\"1e3\"", double.class)).isEqualTo(1000.0);
        assertThat(read("{\"a\":[1,{\"b\":2.5}]}", Object.class)).isEqualTo(Map.of("a", List.of(1, Map.of("b", 2.5))));
    }

    @Test
    void scalarMismatchesAreRefusedWithJacksonsWording() {
        assertThatThrownBy(() -> read("{\"a\":1}", String.class))
                .hasMessage("Cannot deserialize value of type `java.lang.String` from Object value (token `JsonToken.START_OBJECT`)");
        assertThatThrownBy(() -> read("[1,2]", String.class)).hasMessageContaining("from Array value");
        assertThatThrownBy(() -> read("\"abc\"", int.class)).hasMessageContaining("not a valid `int` value");
        assertThatThrownBy(() -> read("3000000000", int.class)).hasMessageContaining("out of range of int");
        assertThatThrownBy(() -> read("true", int.class)).hasMessageContaining("from Boolean value");
        assertThatThrownBy(() -> read("\"maybe\"", boolean.class)).hasMessageContaining("only \"true\" or \"false\"");
    }

    @Test
    void collectionsMapsArraysAndGenerics() throws Exception {
        assertThat(read("[1,\"2\",3.7]", type("ints"))).isEqualTo(List.of(1, 2, 3));
        assertThat(read("5", type("ints"))).isEqualTo(List.of(5));              // a single value as an array
        assertThat(read("{\"a\":[{\"x\":1,\"y\":2}]}", type("pointsByName")))
                .isEqualTo(Map.of("a", List.of(new Point(1, 2, null))));
        assertThat(read("[\"a\",\"a\",\"b\"]", type("set"))).isEqualTo(Set.of("a", "b"));
        assertThat(read("{\"2\":\"two\",\"1\":\"one\"}", type("byNumber")).toString()).isEqualTo("{1=one, 2=two}");
        assertThat(read("{\"RED\":1,\"BLUE\":2}", type("byColor"))).isEqualTo(Map.of(Color.RED, 1));
        assertThat(read("\"v\"", type("optional"))).isEqualTo(Optional.of("v"));
        assertThat(read("null", type("optional"))).isEqualTo(Optional.empty());
        assertThat(read("[1,2.5]", type("wild"))).isEqualTo(List.of(1, 2.5));
        assertThat((int[]) read("[1,2]", int[].class)).containsExactly(1, 2);
        assertThat((byte[]) read("\"aGk=\"", byte[].class)).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Page<Point> page = (Page<Point>) read("{\"items\":[{\"x\":3,\"y\":4,\"label\":\"p\"}],\"total\":1}", type("page"));
        assertThat(page.getItems()).containsExactly(new Point(3, 4, "p"));
        assertThat(page.getTotal()).isEqualTo(1);
    }

    @Test
    void beansUseSettersOfAnyVisibilityAndPublicFieldsIgnoringUnknownNames() throws Exception {
        var o = (Order) read("""
                {"id":"o1","count":"7","color":"green","note":"n","at":"2024-01-31T10:15:30Z",
                 "points":{"x":1,"y":2},"secret":"s","unknown":{"deep":[1]},"Id":"case-sensitive"}""", Order.class);
        assertThat(o.getId()).isEqualTo("o1");
        assertThat(o.getCount()).isEqualTo(7);
        assertThat(o.getColor()).isEqualTo(Color.GREEN);                       // the String overload
        assertThat(o.note).isEqualTo("n");
        assertThat(o.getAt()).isEqualTo(Instant.parse("2024-01-31T10:15:30Z"));
        assertThat(o.getPoints()).containsExactly(new Point(1, 2, null));
        assertThat(o.secret()).isEqualTo("s");
        assertThat(read("\"\"", Order.class)).isNull();
        assertThat(read("[]", Order.class)).isNull();
    }

    @Test
    void recordsFillMissingComponentsWithNullOrZero() throws Exception {
        assertThat(read("{\"label\":\"only\"}", Point.class)).isEqualTo(new Point(0, 0, "only"));
        assertThat(read("[{\"x\":1}]", Point.class)).isEqualTo(new Point(1, 0, null));
    }

    @Test
    void datesEnumsAndTextTypes() throws Exception {
        assertThat(read("1700000000123", Date.class)).isEqualTo(new Date(1_700_000_000_123L));
        assertThat(JsonBinder.read("1.7E9".getBytes(StandardCharsets.UTF_8), Date.class, true))
                .isEqualTo(new Date(1_700_000_000_000L));
        assertThat(read("\"2024-01-31\"", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(read("[2024,1,31]", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(read("1700000000.5", Instant.class)).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
        assertThat(read("\"PURPLE\"", Color.class)).isNull();
        assertThat(read("1", Color.class)).isEqualTo(Color.GREEN);
        UUID u = UUID.randomUUID();
        assertThat(read("\"" + u + "\"", UUID.class)).isEqualTo(u);
    }

    @Test
    void mappingErrorsNameTheReferenceChainAndUnbuildableTypes() {
        assertThatThrownBy(() -> read("{\"points\":[{\"x\":1},{\"x\":\"nope\"}]}", Order.class))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("not a valid `int` value")
                .hasMessageContaining("(through reference chain: io.hearth.runtime.java.JsonBinderTest$Order[\"points\"]"
                        + "->java.util.ArrayList[1]->io.hearth.runtime.java.JsonBinderTest$Point[\"x\"])");
        assertThatThrownBy(() -> read("{}", NoDefault.class)).hasMessageContaining("Cannot construct instance of");
        assertThatThrownBy(() -> read("{}", Runnable.class)).hasMessageContaining("abstract types");
        assertThatThrownBy(() -> read("\"text\"", Order.class)).hasMessageContaining("from String \"text\"");
    }
}
