package fi.aspa.channels.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import fi.aspa.customer.BusinessId;
import fi.aspa.customer.PersonalIdentityCode;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Bean-validation constraints for the Finnish identifiers, so a bad one is a field error like any other. */
final class FinnishIds {
    private FinnishIds() {}

    /** A valid personal identity code (henkilötunnus), checksum and date included; null passes. */
    @Constraint(validatedBy = PersonalIdValidator.class)
    @Target({FIELD, PARAMETER})
    @Retention(RUNTIME)
    @interface PersonalId {
        String message() default "is not a valid Finnish personal identity code";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A valid Business ID (Y-tunnus); null passes. */
    @Constraint(validatedBy = BusinessIdValidator.class)
    @Target({FIELD, PARAMETER})
    @Retention(RUNTIME)
    @interface Business {
        String message() default "is not a valid Finnish Business ID (Y-tunnus)";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    static final class PersonalIdValidator implements ConstraintValidator<PersonalId, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || PersonalIdentityCode.isValid(value);
        }
    }

    static final class BusinessIdValidator implements ConstraintValidator<Business, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || BusinessId.isValid(value);
        }
    }
}
