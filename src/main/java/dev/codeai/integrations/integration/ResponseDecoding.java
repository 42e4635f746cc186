package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.Field;
import dev.codeai.integrations.dsl.model.FieldType;
import dev.codeai.integrations.dsl.model.FieldType.ScalarKind;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.platform.ApiProblem;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns an upstream's answer into what the caller of an operation receives (DSL.md §5.5 "Response
 * decoding"). Pure and thread-safe: every XML body gets its own parser. Only 2xx answers are decoded
 * (others pass through unchanged); then, in this order:
 * <ul>
 * <li>{@code returns: binary}: the bytes unchanged; {@code returns: void}: an empty body.</li>
 * <li>An empty body with an object {@code returns}: each field takes the header whose lower-cased name,
 *     without a leading {@code x-amz-} and with {@code -} → {@code _}, equals its name ({@code ETag} →
 *     {@code etag}), kept as sent (an ETag keeps its quotes, as S3 clients expect); no header gives null.</li>
 * <li>{@code application/xml} and {@code text/xml} (the {@code charset} parameter wins): converted to JSON.
 *     The root's children make the top object (the top array for a {@code list(...)} {@code returns}).
 *     Local names become snake_case with acronyms kept whole ({@code NextContinuationToken} →
 *     {@code next_continuation_token}, {@code ETag} → {@code etag}). A {@code list(...)} field is always an
 *     array, even of one; any repeated element is one too. Declared integers and decimals become numbers,
 *     booleans true/false; other leaves stay strings, and a leaf that does not fit its type stays a string
 *     with a warning. Undeclared elements are kept; attributes and mixed-in text are dropped.</li>
 * <li>{@code application/json}, {@code *+json} and every other content type: the bytes unchanged.</li>
 * </ul>
 * Malformed XML, and any XML with a DOCTYPE (refused, so no entity can reach a file or the network), throws
 * {@link UndecodableResponse} (502) rather than passing through: the caller asked for the shape of
 * {@code returns}, and raw XML under a 2xx would hide the upstream's fault.
 */
public final class ResponseDecoding {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]+)",
            Pattern.CASE_INSENSITIVE);

    private ResponseDecoding() {
    }

    /** What the caller receives; {@code contentType} is absent when the body is empty or the upstream sent none. */
    public record Decoded(byte[] body, Optional<String> contentType, List<String> warnings) {
    }

    /** A 2xx XML answer that is not well-formed, or that carries a DOCTYPE. */
    public static final class UndecodableResponse extends ApiProblem {
        private static final long serialVersionUID = 1L;

        UndecodableResponse(String operation, String where) {
            super(502, "Undecodable upstream response", "Operation " + operation
                    + " answered with XML that could not be read (" + where + "; DOCTYPE declarations are refused).");
        }
    }

    public static Decoded decode(Operation operation, int status, Map<String, List<String>> headers, byte[] body) {
        return decode(operation, new UpstreamResponse(status, headers, body));
    }

    public static Decoded decode(Operation operation, UpstreamResponse response) {
        Optional<FieldType> returns = operation.returns();
        if (response.status() / 100 != 2 || isScalar(returns, ScalarKind.BINARY)) {
            return unchanged(response);
        }
        if (isScalar(returns, ScalarKind.VOID)) {
            return new Decoded(new byte[0], Optional.empty(), List.of());
        }
        if (response.body().length == 0 && returns.orElse(null) instanceof FieldType.ObjectOf object) {
            return fromHeaders(object.fields(), response.headers());
        }
        String contentType = response.header("Content-Type").orElse("");
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType.equals("application/xml") || mediaType.equals("text/xml")) {
            Matcher charset = CHARSET.matcher(contentType);
            return fromXml(operation, response.body(),
                    charset.find() ? Optional.of(charset.group(1)) : Optional.empty());
        }
        return unchanged(response);
    }

    private static boolean isScalar(Optional<FieldType> type, ScalarKind kind) {
        return type.orElse(null) instanceof FieldType.Scalar scalar && scalar.kind() == kind;
    }

    private static Decoded unchanged(UpstreamResponse response) {
        Optional<String> type = response.body().length == 0 ? Optional.empty() : response.header("Content-Type");
        return new Decoded(response.body(), type, List.of());
    }

    private static Decoded json(JsonValue value, List<String> warnings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonWriter writer = JSON.createWriter(out)) {
            writer.write(value);
        }
        return new Decoded(out.toByteArray(), Optional.of("application/json"), List.copyOf(warnings));
    }

    private static Decoded fromHeaders(Map<String, Field> fields, Map<String, List<String>> headers) {
        Map<String, String> byField = new HashMap<>();
        headers.forEach((name, values) -> byField.putIfAbsent(headerField(name), String.join(", ", values)));
        List<String> warnings = new ArrayList<>();
        JsonObjectBuilder object = JSON.createObjectBuilder();
        for (Field field : fields.values()) {
            String value = byField.get(field.name());
            object.add(field.name(), value == null ? JsonValue.NULL
                    : scalar(value, Optional.of(field.type()), field.name(), warnings));
        }
        return json(object.build(), warnings);
    }

    /** {@code ETag} → {@code etag}, {@code x-amz-version-id} → {@code version_id}. */
    static String headerField(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return (name.startsWith("x-amz-") ? name.substring("x-amz-".length()) : name).replace('-', '_');
    }

    /** Underscores go only where a lower-case letter meets an upper-case one, so acronyms stay one word. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
                out.append('_');
            }
            out.append(c == '-' || c == '.' ? '_' : Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static Decoded fromXml(Operation operation, byte[] body, Optional<String> charset) {
        Element root = parse(operation.name(), body, charset);
        List<String> warnings = new ArrayList<>();
        JsonValue value = operation.returns().orElse(null) instanceof FieldType.ListOf list
                ? array(children(root), Optional.of(list.element()), "", warnings)
                : object(root, fieldsOf(operation.returns()), "", warnings);
        return json(value, warnings);
    }

    private static Element parse(String operation, byte[] body, Optional<String> charset) {
        InputSource source = new InputSource(new ByteArrayInputStream(body));
        charset.ifPresent(source::setEncoding);
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors instead of printing them
            return builder.parse(source).getDocumentElement();
        } catch (SAXParseException e) {
            throw new UndecodableResponse(operation, "line " + e.getLineNumber() + ", column " + e.getColumnNumber());
        } catch (SAXException | IOException e) {
            throw new UndecodableResponse(operation, "unreadable body");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
    }

    /** No DOCTYPE at all (hence no entities, internal or external), no XInclude, no external DTD or schema. */
    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static JsonValue object(Element element, Map<String, Field> fields, String path, List<String> warnings) {
        Map<String, List<Element>> byName = new LinkedHashMap<>();
        for (Element child : children(element)) {
            byName.computeIfAbsent(snakeCase(child.getLocalName()), name -> new ArrayList<>()).add(child);
        }
        JsonObjectBuilder object = JSON.createObjectBuilder();
        byName.forEach((name, elements) -> {
            Optional<FieldType> type = Optional.ofNullable(fields.get(name)).map(Field::type);
            String at = path.isEmpty() ? name : path + "." + name;
            if (type.orElse(null) instanceof FieldType.ListOf list) {
                object.add(name, array(elements, Optional.of(list.element()), at, warnings));
            } else {
                object.add(name, elements.size() > 1 ? array(elements, type, at, warnings)
                        : value(elements.get(0), type, at, warnings));
            }
        });
        return object.build();
    }

    private static JsonValue array(List<Element> elements, Optional<FieldType> type, String path,
                                   List<String> warnings) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (int i = 0; i < elements.size(); i++) {
            array.add(value(elements.get(i), type, path + "[" + i + "]", warnings));
        }
        return array.build();
    }

    private static JsonValue value(Element element, Optional<FieldType> type, String path, List<String> warnings) {
        boolean declaredObject = type.orElse(null) instanceof FieldType.ObjectOf;
        if (declaredObject || !children(element).isEmpty()) {
            return object(element, fieldsOf(type), path, warnings);
        }
        return scalar(element.getTextContent(), type, path, warnings);
    }

    private static Map<String, Field> fieldsOf(Optional<FieldType> type) {
        return type.orElse(null) instanceof FieldType.ObjectOf object ? object.fields() : Map.of();
    }

    private static List<Element> children(Element element) {
        NodeList nodes = element.getChildNodes();
        return IntStream.range(0, nodes.getLength()).mapToObj(nodes::item)
                .filter(node -> node.getNodeType() == Node.ELEMENT_NODE).map(Element.class::cast).toList();
    }

    private static JsonValue scalar(String text, Optional<FieldType> type, String path, List<String> warnings) {
        FieldType declared = type.orElse(null);
        ScalarKind kind = declared instanceof FieldType.Decimal ? ScalarKind.DECIMAL
                : declared instanceof FieldType.Scalar scalar ? scalar.kind() : ScalarKind.STRING;
        String trimmed = text.strip();
        Optional<JsonValue> converted = switch (kind) {
            case INTEGER -> number(trimmed, true);
            case DECIMAL -> number(trimmed, false);
            case BOOLEAN -> bool(trimmed);
            default -> Optional.of(JSON.createValue(text));
        };
        if (converted.isEmpty()) {
            warnings.add((path.isEmpty() ? "value" : path) + ": expected " + declared.describe() + " but found \""
                    + text + "\"; kept as a string");
        }
        return converted.orElseGet(() -> JSON.createValue(text));
    }

    private static Optional<JsonValue> number(String text, boolean integral) {
        try {
            return Optional.of(integral ? JSON.createValue(Long.parseLong(text))
                    : JSON.createValue(new BigDecimal(text)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The XML Schema spellings, any case: {@code true}, {@code false}, {@code 1}, {@code 0}. */
    private static Optional<JsonValue> bool(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("1") ? Optional.of(JsonValue.TRUE)
                : lower.equals("false") || lower.equals("0") ? Optional.of(JsonValue.FALSE) : Optional.empty();
    }
}
