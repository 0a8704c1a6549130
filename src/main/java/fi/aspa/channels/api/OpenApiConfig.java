package fi.aspa.channels.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header and the bearer token scheme every API operation requires. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Aspa API", version = "v1",
        description = "Cases of one organization for its own systems. Authenticate with the organization's API token "
                + "(Authorization: Bearer <token>). Errors are RFC 9457 problem details (application/problem+json) "
                + "with a stable `code`; invalid fields are listed in `errors` [{field, message}]."))
@SecurityScheme(name = OpenApiConfig.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An organization's API token")
class OpenApiConfig {
    static final String BEARER = "bearer";
}
