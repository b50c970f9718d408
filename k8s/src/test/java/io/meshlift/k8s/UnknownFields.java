package io.meshlift.k8s;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Finds fields the fabric8 model did not recognise. The models keep unknown keys in
 * {@code additionalProperties} instead of failing, so a misspelt {@code readinesProbe} would parse
 * and be silently dropped by the API server; this walk reports it with its path.
 */
final class UnknownFields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final int MAX_DEPTH = 40;

    private UnknownFields() {}

    static List<String> in(Object model) {
        List<String> unknown = new ArrayList<>();
        if (!(model instanceof GenericKubernetesResource)) {
            walk(model, "", unknown, 0);
        }
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                walk(element, path + "[" + index++ + "]", unknown, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> walk(element, path + "." + key, unknown, depth + 1));
            return;
        }
        if (!value.getClass().getPackageName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!isPropertyGetter(getter)) {
                continue;
            }
            Object property = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add((path.isEmpty() ? "" : path + ".") + key));
                }
            } else {
                walk(property, path + "." + propertyName(getter), unknown, depth + 1);
            }
        }
    }

    private static boolean isPropertyGetter(Method method) {
        return method.getName().startsWith("get")
                && method.getParameterCount() == 0
                && !Modifier.isStatic(method.getModifiers())
                && !method.getDeclaringClass().equals(Object.class)
                && !method.getName().equals("getClass");
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
