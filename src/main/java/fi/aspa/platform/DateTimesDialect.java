package fi.aspa.platform;

import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * {@code #datetimes} in templates: {@link DateTimes} in the template's locale (the request's), e.g.
 * {@code <time th:datetime="${#datetimes.iso(at)}" th:text="${#datetimes.dateTime(at)}">}. Use it instead of
 * {@code #temporals.format(…, 'pattern')}, whose fixed patterns ignore the reader's language.
 */
@Component
class DateTimesDialect extends AbstractDialect implements IExpressionObjectDialect {
    static final String NAME = "datetimes";

    DateTimesDialect() {
        super("aspa-datetimes");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return NAME.equals(expressionObjectName) ? DateTimes.in(context.getLocale()) : null;
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }
}
