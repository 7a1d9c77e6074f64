package vn.matthan.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * A number within {@code [min, max]} (both inclusive), declared next to the field it bounds. Jakarta's own
 * {@code @DecimalMin}/{@code @DecimalMax} take strings and need two annotations; one range reads better in a
 * configuration model. {@code null} is valid: pair it with {@code @NotNull} where the field is required.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, TYPE_USE})
@Constraint(validatedBy = RangeValidator.class)
public @interface Range {
    double min() default Double.NEGATIVE_INFINITY;

    double max() default Double.POSITIVE_INFINITY;

    String message() default "${validatedValue} is outside [{min}, {max}]";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
