package dev.herald.bench;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named figures in the order measured; printed as a table and written as JSON. */
final class Results {
    private record Figure(String section, String name, double value, String unit) {}

    private final Map<String, Figure> figures = new LinkedHashMap<>();

    void add(String section, String name, double value, String unit) {
        figures.put(section + "." + name, new Figure(section, name, value, unit));
        System.out.printf("  %-13s %-42s %14s %s%n", section, name, format(value), unit);
        System.out.flush();
    }

    double get(String section, String name) {
        Figure figure = figures.get(section + "." + name);
        return figure == null ? Double.NaN : figure.value;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("| %-13s | %-42s | %14s | %-10s |%n", "section", "figure", "value", "unit"));
        out.append("|---------------|--------------------------------------------|----------------|------------|\n");
        figures.values()
                .forEach(f -> out.append(String.format(
                        "| %-13s | %-42s | %14s | %-10s |%n", f.section, f.name, format(f.value), f.unit)));
        return out.toString();
    }

    void write(Path file, Map<String, String> machine) throws IOException {
        JsonObjectBuilder json = Json.createObjectBuilder();
        JsonObjectBuilder about = Json.createObjectBuilder();
        machine.forEach(about::add);
        json.add("machine", about);
        JsonObjectBuilder values = Json.createObjectBuilder();
        figures.forEach((key, f) -> {
            JsonObjectBuilder figure = Json.createObjectBuilder();
            if (Double.isFinite(f.value)) {
                figure.add("value", f.value);
            } else {
                figure.addNull("value"); // JSON has no NaN: a figure whose inputs were not measured in this run
            }
            values.add(key, figure.add("unit", f.unit));
        });
        json.add("figures", values);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json.build().toString());
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e12
                ? String.format("%,d", (long) value)
                : String.format("%,.2f", value);
    }
}
