package dev.codeai.integrations.dsl.syntax;

import dev.codeai.integrations.dsl.Position;
import java.util.List;
import java.util.Optional;

/** {@code name(arg, key: arg)}; {@code env(...)} is a call too. */
public record CallValue(String name, List<Arg> args, Position position) implements Value {

    /** One argument; {@code name} is empty for a positional argument. */
    public record Arg(String name, Value value, Position position) {

        public boolean positional() {
            return name.isEmpty();
        }
    }

    public List<Arg> positional() {
        return args.stream().filter(Arg::positional).toList();
    }

    public Optional<Arg> named(String argName) {
        return args.stream().filter(a -> a.name().equals(argName)).findFirst();
    }

    @Override
    public String describe() {
        return "'" + name + "(…)'";
    }
}
