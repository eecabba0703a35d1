package dev.herald.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.PathParam;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Payara's OpenAPI scanner fails on a size or range constraint on any parameter but a path parameter (every
 * {@code /openapi} answer becomes a 500), and a record's constructor has one for each constrained component. Every
 * class with such a parameter must be in {@code mp.openapi.scan.exclude.classes}, so a new request record cannot break
 * Payara's document unnoticed.
 */
class OpenApiScanTest {
    /** The constraints Payara's scanner turns into schema limits (its bean-validation visitor). */
    private static final List<Class<? extends Annotation>> LIMITS = List.of(
            Size.class,
            Min.class,
            Max.class,
            DecimalMin.class,
            DecimalMax.class,
            NotBlank.class,
            NotEmpty.class,
            Positive.class,
            PositiveOrZero.class,
            Negative.class,
            NegativeOrZero.class);

    @Test
    void everyClassWithALimitOnANonPathParameterIsKeptFromTheScanner() throws Exception {
        Set<String> excluded = excludedClasses();
        Set<String> needed = new TreeSet<>();
        for (Class<?> type : classes()) {
            if (hasLimitedNonPathParameter(type)) {
                needed.add(type.getName());
            }
        }
        assertThat(needed)
                .as("classes with a size or range limit on a parameter")
                .isNotEmpty();
        assertThat(excluded)
                .as("mp.openapi.scan.exclude.classes in META-INF/microprofile-config.properties")
                .containsAll(needed);
    }

    /**
     * A response record is documented in {@code META-INF/openapi.yaml}; Payara's scanner writes its own schema for it
     * (with {@code maxProperties: 0} and the like) over the file's of the same name, so it is kept from the scanner
     * too, with every record reachable through its fields.
     */
    @Test
    void everyRecordAResourceAnswersWithIsKeptFromTheScanner() throws Exception {
        Set<String> needed = new TreeSet<>();
        for (Class<?> type : classes()) {
            if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                for (java.lang.reflect.Method method : type.getMethods()) {
                    records(method.getGenericReturnType(), needed);
                }
            }
        }
        assertThat(needed).as("records resources answer with").isNotEmpty();
        assertThat(excludedClasses())
                .as("mp.openapi.scan.exclude.classes in META-INF/microprofile-config.properties")
                .containsAll(needed);
    }

    private static void records(java.lang.reflect.Type type, Set<String> found) {
        if (type instanceof java.lang.reflect.ParameterizedType generic) {
            Arrays.stream(generic.getActualTypeArguments()).forEach(t -> records(t, found));
        } else if (type instanceof Class<?> c && c.isRecord() && found.add(c.getName())) {
            Arrays.stream(c.getRecordComponents()).forEach(r -> records(r.getGenericType(), found));
        }
    }

    private List<Class<?>> classes() throws Exception {
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes.resolve("dev/herald"))) {
            List<Class<?>> found = new java.util.ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                found.add(Class.forName(name, false, getClass().getClassLoader()));
            }
            return found;
        }
    }

    private static boolean hasLimitedNonPathParameter(Class<?> type) {
        return Stream.concat(Arrays.stream(type.getDeclaredConstructors()), Arrays.stream(type.getDeclaredMethods()))
                .map(Executable::getParameters)
                .flatMap(Arrays::stream)
                .anyMatch(OpenApiScanTest::limitedNonPath);
    }

    private static boolean limitedNonPath(Parameter parameter) {
        return parameter.getAnnotation(PathParam.class) == null
                && LIMITS.stream().anyMatch(limit -> parameter.getAnnotation(limit) != null);
    }

    private static Set<String> excludedClasses() throws Exception {
        Properties config = new Properties();
        try (Reader reader =
                Files.newBufferedReader(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            config.load(reader);
        }
        return Arrays.stream(config.getProperty("mp.openapi.scan.exclude.classes", "")
                        .split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
