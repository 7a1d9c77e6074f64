package vn.matthan.config;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.validation.ElementKind;
import jakarta.validation.Path.Node;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.HibernateValidator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One YAML configuration file, read strictly: the one loader of every configuration file of the project.
 * <p>
 * A file is bound with Jackson onto a model class whose fields carry their default (the field's initial value) and
 * their constraints (Jakarta Bean Validation, e.g. {@link Range}) next to each other. Keys are the snake_case form of
 * the field names. Unknown keys, a key given twice, text where a number belongs and fractions where a whole number
 * belongs are refused; a key that is absent or left empty keeps the field's default.
 * <p>
 * Every problem names the file, the line and the field path, e.g.
 * {@code config/detection.yaml:7: detector.scor_threshold: unknown field (known: model, input_size, …)}. The lines
 * come from a map JSON pointer → line collected while parsing, so checks made after binding ({@link #problem})
 * name the line as well.
 */
public final class ConfigFile {
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // "ten" is not 10 and 2.5 frames are not 2: no silent conversions between scalar types.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // An empty value ("threshold:") keeps the default, like an absent key.
            .defaultSetterInfo(JsonSetter.Value.forValueNulls(Nulls.SKIP))
            .build();
    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .defaultLocale(Locale.ENGLISH).buildValidatorFactory().getValidator();
    private static final Pattern PATH_STEP = Pattern.compile("\\[(\\d+)]|\\.?([^.\\[]+)");

    private final Path file;
    private final byte[] bytes;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private ConfigFile(Path file, byte[] bytes, JsonNode root, Map<String, Integer> lines) {
        this.file = file;
        this.bytes = bytes;
        this.root = root;
        this.lines = lines;
    }

    /** Reads, binds and validates the whole file: the usual way to load a configuration file. */
    public static <T> T load(Path file, Class<T> model) throws ConfigException {
        return read(file).bind("", model);
    }

    /** Parses the file (not yet bound): for files whose parts are bound one by one or checked further. */
    public static ConfigFile read(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": not readable: " + e.getMessage(), e);
        }
        try {
            JsonNode root = MAPPER.readTree(bytes);
            if (root == null || root.isMissingNode() || root.isNull()) root = JsonNodeFactory.instance.objectNode();
            return new ConfigFile(file, bytes, root, lines(bytes));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw new ConfigException(file + ":" + line + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The file as read, e.g. to hash it. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The node at a field path ({@code cameras[2].url}; "" for the document), or a missing node. */
    public JsonNode node(String path) {
        return root.at(pointer(path));
    }

    /**
     * Binds the part at {@code path} ("" for the whole document) onto the model and validates it.
     *
     * @throws ConfigException naming every problem found with file, line and field path
     */
    public <T> T bind(String path, Class<T> model) throws ConfigException {
        List<String> problems = new ArrayList<>();
        T value = bind(path, model, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return value;
    }

    /**
     * Binds and validates like {@link #bind(String, Class)}, adding each problem to {@code problems} instead of
     * throwing, so that a file of many entries can report all its mistakes at once.
     *
     * @return the bound value, also when it broke a constraint; null when it could not be bound at all
     */
    public <T> T bind(String path, Class<T> model, List<String> problems) {
        JsonNode n = node(path);
        if (n.isMissingNode() || n.isNull()) n = JsonNodeFactory.instance.objectNode();
        T value;
        try {
            value = MAPPER.readerFor(model).readValue(n);
        } catch (JsonMappingException e) {
            problems.add(bindingProblem(path, e));
            return null;
        } catch (IOException e) {
            problems.add(problem(path, e.getMessage()));
            return null;
        }
        if (value == null) {
            problems.add(problem(path, "must be a mapping"));
            return null;
        }
        VALIDATOR.validate(value).stream()
                .map(v -> new Found(join(path, violationPath(v.getPropertyPath())), v.getMessage()))
                .sorted(Comparator.comparingInt((Found f) -> line(f.path())).thenComparing(Found::path))
                .forEach(f -> problems.add(problem(f.path(), f.reason())));
        return value;
    }

    /** {@code file:line: path: reason}, for checks made after binding (cross-field rules, files named, geometry). */
    public String problem(String path, String reason) {
        return file + ":" + line(path) + ": " + (path.isEmpty() ? "(document)" : path) + ": " + reason;
    }

    /** The same problem as an exception to throw. */
    public ConfigException error(String path, String reason) {
        return new ConfigException(List.of(problem(path, reason)));
    }

    /** The line the field starts on; for an absent field the line of the nearest enclosing part that is there. */
    public int line(String path) {
        String p = pointer(path);
        while (true) {
            Integer l = lines.get(p);
            if (l != null) return l;
            if (p.isEmpty()) return 1;
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    private record Found(String path, String reason) {
    }

    private String bindingProblem(String base, JsonMappingException e) {
        StringBuilder at = new StringBuilder(base);
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) at.append('[').append(r.getIndex()).append(']');
            else if (r.getFieldName() != null) at.append(at.isEmpty() ? "" : ".").append(r.getFieldName());
        }
        String path = at.toString();
        if (e instanceof UnrecognizedPropertyException u) {
            return problem(path, "unknown field (known: " + known(u.getReferringClass(), u.getKnownPropertyIds()) + ")");
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        JsonNode given = node(path);
        String got = given.isValueNode() ? ", got '" + given.asText() + "'" : "";
        return problem(path, expectation(target) + got);
    }

    private static String expectation(Class<?> type) {
        if (type == null) return "has the wrong type";
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) names.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
            return "must be one of " + String.join(", ", names);
        }
        if (type == boolean.class || type == Boolean.class) return "must be true or false";
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return type == int.class || type == long.class || type == Integer.class || type == Long.class
                    ? "must be a whole number" : "must be a number";
        }
        if (CharSequence.class.isAssignableFrom(type)) return "must be text";
        if (type.isArray() || Collection.class.isAssignableFrom(type)) return "must be a list";
        return "must be a mapping";
    }

    /** The keys the model knows, in the order its fields are declared (Jackson reports them in hash order). */
    private static String known(Class<?> model, Collection<Object> ids) {
        if (ids == null) return "";
        List<String> out = new ArrayList<>();
        if (model != null) {
            for (BeanPropertyDefinition d : MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(model)).findProperties()) {
                if (ids.contains(d.getName())) out.add(d.getName());
            }
        }
        for (Object id : ids) if (!out.contains(String.valueOf(id))) out.add(String.valueOf(id));
        return String.join(", ", out);
    }

    /** A Bean Validation path (Java names) as the file's field path (snake_case keys, [i] for list elements). */
    private static String violationPath(jakarta.validation.Path path) {
        StringBuilder at = new StringBuilder();
        for (Node n : path) {
            if (n.isInIterable()) {
                if (n.getIndex() != null) at.append('[').append(n.getIndex()).append(']');
                else if (n.getKey() != null) at.append('.').append(n.getKey());
            }
            if (n.getKind() == ElementKind.PROPERTY && n.getName() != null) {
                if (!at.isEmpty()) at.append('.');
                at.append(PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(n.getName()));
            }
        }
        return at.toString();
    }

    private static String join(String base, String path) {
        if (base.isEmpty()) return path;
        if (path.isEmpty()) return base;
        return path.startsWith("[") ? base + path : base + "." + path;
    }

    /** {@code cameras[2].url} → {@code /cameras/2/url}. */
    static String pointer(String path) {
        StringBuilder p = new StringBuilder();
        Matcher m = PATH_STEP.matcher(path);
        while (m.find()) {
            p.append('/').append(m.group(1) != null ? m.group(1) : m.group(2).replace("~", "~0").replace("/", "~1"));
        }
        return p.toString();
    }

    /** JSON pointer of every key, list element and value → the line it starts on. */
    private static Map<String, Integer> lines(byte[] bytes) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = MAPPER.getFactory().createParser(bytes)) {
            Deque<String> open = new ArrayDeque<>();
            Deque<int[]> nextIndex = new ArrayDeque<>(); // -1 for a mapping
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                if (t == JsonToken.FIELD_NAME) {
                    lines.putIfAbsent(open.getFirst() + "/" + escape(p.currentName()), line);
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    open.pop();
                    nextIndex.pop();
                    if (open.isEmpty()) break; // the first document only
                    continue;
                }
                String at;
                if (open.isEmpty()) at = "";
                else if (nextIndex.getFirst()[0] >= 0) at = open.getFirst() + "/" + nextIndex.getFirst()[0]++;
                else at = open.getFirst() + "/" + escape(p.currentName());
                lines.putIfAbsent(at, line);
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    open.push(at);
                    nextIndex.push(new int[]{t == JsonToken.START_ARRAY ? 0 : -1});
                }
            }
        }
        return lines;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
