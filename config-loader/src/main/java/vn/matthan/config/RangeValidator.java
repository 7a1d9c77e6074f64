package vn.matthan.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Range}; NaN is never in range. */
public final class RangeValidator implements ConstraintValidator<Range, Number> {
    private double min, max;

    @Override
    public void initialize(Range range) {
        min = range.min();
        max = range.max();
    }

    @Override
    public boolean isValid(Number value, ConstraintValidatorContext context) {
        if (value == null) return true;
        double v = value.doubleValue();
        return v >= min && v <= max;
    }
}
